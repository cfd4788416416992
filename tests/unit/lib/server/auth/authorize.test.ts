import { describe, expect, test } from 'vitest';
import { homePathFor, isPublicPath, rolesForPath, safeNextPath } from '../../../../../src/lib/server/auth/authorize.ts';

describe('rolesForPath', () => {
  test.each([
    ['/admin/auditoria', ['admin']],
    ['/coordinacion/personas/3', ['coordinator', 'admin']],
    ['/instructor/generaciones/1', ['instructor']],
    ['/aprendizaje', ['inspector']],
    ['/generaciones/3/calificaciones', ['instructor', 'coordinator', 'admin']],
    ['/cuenta', null],
    ['/administracion-falsa', null],
  ])('%s requires %j', (path, roles) => {
    expect(rolesForPath(path)).toEqual(roles);
  });
});

describe('isPublicPath', () => {
  test('only the home, sign-in, invitations, health and assets are open to visitors', () => {
    expect(['/', '/ingresar', '/invitacion/abc', '/api/health', '/_astro/x.css'].every(isPublicPath)).toBe(true);
    expect(['/cuenta', '/coordinacion', '/aprendizaje', '/_actions/people.register'].some(isPublicPath)).toBe(false);
  });
});

describe('homePathFor', () => {
  test('lands each person on the home of their most privileged role', () => {
    expect(homePathFor({ roles: ['inspector'] })).toBe('/aprendizaje');
    expect(homePathFor({ roles: ['inspector', 'instructor'] })).toBe('/instructor');
    expect(homePathFor({ roles: ['coordinator'] })).toBe('/coordinacion');
    expect(homePathFor({ roles: ['coordinator', 'admin'] })).toBe('/admin');
  });
});

describe('safeNextPath', () => {
  test('follows same-site paths only', () => {
    expect(safeNextPath('/coordinacion/personas?q=ana')).toBe('/coordinacion/personas?q=ana');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
