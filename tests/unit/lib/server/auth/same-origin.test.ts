import { describe, expect, test } from 'vitest';
import { isCrossSiteSubmission } from '../../../../../src/lib/server/auth/same-origin.ts';

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
