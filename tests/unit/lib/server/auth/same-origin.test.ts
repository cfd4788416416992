import { afterEach, describe, expect, test, vi } from 'vitest';
import { isCrossSiteSubmission, siteOrigins } from '../../../../../src/lib/server/auth/same-origin.ts';

const ORIGIN = 'https://aula.stps.gob.mx';
const request = (method: string, headers: Record<string, string>) =>
  new Request(`${ORIGIN}/coordinacion/generaciones/nueva?_action=cohorts.create`, {
    method,
    headers,
    // A string body would add a text/plain content type of its own.
    body: 'content-type' in headers ? 'name=x' : undefined,
  });

describe('isCrossSiteSubmission', () => {
  test.each([
    ['a form from another site', 'POST', { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }],
    ['a multipart form from another site', 'POST', { origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' }],
    ['a text/plain form from another site', 'POST', { origin: 'https://evil.example', 'content-type': 'text/plain' }],
    ['a form with no Origin header', 'POST', { 'content-type': 'application/x-www-form-urlencoded' }],
    [
      'a form from our host over plain http',
      'POST',
      { origin: 'http://aula.stps.gob.mx', 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['a form from an opaque origin', 'POST', { origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }],
    ['a POST without a content type from another site', 'POST', { origin: 'https://evil.example' }],
    ['a DELETE from another site', 'DELETE', { origin: 'https://evil.example' }],
  ])('refuses %s', (_name, method, headers) => {
    expect(isCrossSiteSubmission(request(method, headers), ORIGIN)).toBe(true);
  });

  test.each([
    ['a form from our own page', 'POST', { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }],
    ['a GET from anywhere', 'GET', { origin: 'https://evil.example' }],
    ['a HEAD', 'HEAD', {}],
    ['JSON, which needs a preflight Aula never grants', 'POST', { origin: 'https://evil.example', 'content-type': 'application/json' }],
  ])('lets through %s', (_name, method, headers) => {
    expect(isCrossSiteSubmission(request(method, headers), ORIGIN)).toBe(false);
  });
});

describe('behind a reverse proxy', () => {
  // Astro builds the request's URL from the socket, not from Host: what the proxy forwards to.
  const behindProxy = new URL('http://localhost:4321/ingresar?_action=auth.signIn');
  const form = (origin: string) =>
    new Request(behindProxy, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test('lets through a form from PUBLIC_URL and still refuses another site', () => {
    vi.stubEnv('PUBLIC_URL', `${ORIGIN}/`);
    expect(isCrossSiteSubmission(form(ORIGIN), siteOrigins(behindProxy))).toBe(false);
    expect(isCrossSiteSubmission(form('http://localhost:4321'), siteOrigins(behindProxy))).toBe(false);
    expect(isCrossSiteSubmission(form('https://evil.example'), siteOrigins(behindProxy))).toBe(true);
  });

  test('without PUBLIC_URL, only the origin the server sees counts', () => {
    vi.stubEnv('PUBLIC_URL', undefined);
    expect(isCrossSiteSubmission(form(ORIGIN), siteOrigins(behindProxy))).toBe(true);
  });
});
