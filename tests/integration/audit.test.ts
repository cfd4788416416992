import { beforeEach, describe, expect, test } from 'vitest';
import { registerPerson } from '../../src/lib/server/accounts/register-person.ts';
import { setRoles } from '../../src/lib/server/accounts/set-roles.ts';
import { updatePerson } from '../../src/lib/server/accounts/update-person.ts';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { commitImport } from '../../src/lib/server/enrollment/csv-import.ts';
import { enrollInspectorOne, reenrollInspector, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTestDb } from '../db.ts';
import { buildPerson, insertPerson } from '../factories.ts';

let db: Db;
let admin: { id: number; roles: ['admin'] };
let coordinator: { id: number; roles: ['coordinator'] };

beforeEach(() => {
  db = createTestDb();
  admin = { id: insertPerson(db, { roles: ['admin'], fullName: 'Leticia Ramírez Ocampo' }).id, roles: ['admin'] };
  coordinator = { id: insertPerson(db, { roles: ['coordinator'], fullName: 'Patricia Ibarra Solís' }).id, roles: ['coordinator'] };
});

describe('audit log', () => {
  test('records account creation with the actor and the roles given', async () => {
    const { sex: _sex, ...person } = buildPerson({}, 7);
    const invitation = await registerPerson(db, { person, roles: ['inspector'], actor: coordinator, baseUrl: 'https://aula.example.mx' });
    const entries = listAuditEntries(db, { subjectUserId: invitation.userId }).entries;
    expect(entries.map((e) => e.action).sort()).toEqual(['account.created', 'account.invited']);
    const created = entries.find((e) => e.action === 'account.created');
    expect(created).toMatchObject({
      actorName: 'Patricia Ibarra Solís',
      subjectName: person.fullName,
      details: { roles: ['inspector'], email: person.email },
    });
  });

  test('records each role granted and revoked with the reason, and refuses a coordinator granting admin', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    setRoles(db, { userId: id, roles: ['instructor'], actor: coordinator, reason: 'Imparte el módulo 4' });
    const entries = listAuditEntries(db, { subjectUserId: id }).entries.filter((e) => e.action.startsWith('role.'));
    expect(entries.map((e) => [e.action, e.details, e.reason]).sort()).toEqual([
      ['role.granted', { role: 'instructor' }, 'Imparte el módulo 4'],
      ['role.revoked', { role: 'inspector' }, 'Imparte el módulo 4'],
    ]);
    expect(() => setRoles(db, { userId: id, roles: ['instructor', 'admin'], actor: coordinator, reason: 'x' })).toThrow(DomainError);
    setRoles(db, { userId: id, roles: ['instructor', 'admin'], actor: admin, reason: 'Soporte técnico' });
    expect(listAuditEntries(db, { subjectUserId: id, action: 'role.granted' }).total).toBe(2);
  });

  test('records enrollment, withdrawal with its reason, re-enrollment and imports, filterable by cohort and action', async () => {
    const cohortId = createCohort(db, {
      name: 'G',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      instructorIds: [],
      actorId: coordinator.id,
    }).id;
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinator.id });
    withdrawInspector(db, { cohortId, userId: id, actorId: coordinator.id, reason: 'Licencia médica' });
    reenrollInspector(db, { cohortId, userId: id, actorId: coordinator.id, reason: 'Alta médica' });
    const p = buildPerson({}, 55);
    await commitImport(db, {
      cohortId,
      text: `nombre,correo,curp,entidad,oficina\n${p.fullName},${p.email},,Puebla,Oficina`,
      actorId: coordinator.id,
      baseUrl: 'https://x.mx',
    });

    const forCohort = listAuditEntries(db, { cohortId }).entries.map((e) => e.action);
    expect(forCohort).toEqual(
      expect.arrayContaining([
        'cohort.created',
        'enrollment.created',
        'enrollment.withdrawn',
        'enrollment.reenrolled',
        'enrollment.imported',
      ]),
    );
    const withdrawal = listAuditEntries(db, { cohortId, action: 'enrollment.withdrawn' }).entries;
    expect(withdrawal).toHaveLength(1);
    expect(withdrawal[0]).toMatchObject({ reason: 'Licencia médica', actorName: 'Patricia Ibarra Solís', subjectUserId: id });
    expect(listAuditEntries(db, { cohortId, action: 'enrollment.imported' }).entries[0]?.details).toMatchObject({
      enrolled: 1,
      created: 1,
    });
  });

  test('records what changed in a person’s data, from and to', () => {
    const { id, person } = insertPerson(db, { roles: ['inspector'] });
    updatePerson(db, { id, person: { ...person, fullName: 'Nombre Corregido Pérez', office: 'Oficina Nueva' }, actorId: coordinator.id });
    const entry = listAuditEntries(db, { subjectUserId: id, action: 'account.updated' }).entries[0];
    expect(entry?.details).toEqual({
      fullName: { from: person.fullName, to: 'Nombre Corregido Pérez' },
      office: { from: person.office, to: 'Oficina Nueva' },
    });
  });

  test('filters by date range and pages newest first', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    const cohortId = createCohort(db, { name: 'H', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [], actorId: null }).id;
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinator.id, now: new Date('2026-01-10T12:00:00Z') });
    withdrawInspector(db, { cohortId, userId: id, actorId: coordinator.id, now: new Date('2026-02-10T12:00:00Z') });
    const january = listAuditEntries(db, { cohortId, from: new Date('2026-01-01T06:00:00Z'), to: new Date('2026-02-01T06:00:00Z') });
    expect(january.entries.map((e) => e.action)).toEqual(['enrollment.created']);
    // Newest first: the cohort was created today, after the January and February changes.
    const pages = [1, 2, 3].map((page) => listAuditEntries(db, { cohortId, pageSize: 1, page }));
    expect(pages[0]?.total).toBe(3);
    expect(pages.map((p) => p.entries[0]?.action)).toEqual(['cohort.created', 'enrollment.withdrawn', 'enrollment.created']);
  });
});
