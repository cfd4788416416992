import { describe, expect, test } from 'vitest';
import { safeNextPath } from '../../../../../src/lib/server/auth/authorize.ts';

/** `siguiente` as it arrives, already decoded once by URLSearchParams. */
const HOSTILE: [string, string][] = [
  ['a tab between slashes', '/\t/evil.example'],
  ['a newline between slashes', '/\n/evil.example'],
  ['a carriage return', '/\r/evil.example'],
  ['a newline at the end (header injection)', '/inicio\nSet-Cookie: x=1'],
  ['a NUL', '/inicio\0'],
  ['DEL', '/\u007f/evil.example'],
  ['a backslash after the slash', '/\\evil.example'],
  ['backslashes only', '\\\\evil.example'],
  ['a backslash further in', '/a/..\\..\\/evil.example'],
  ['a protocol-relative URL', '//evil.example'],
  ['three slashes', '///evil.example'],
  ['an absolute https URL', 'https://evil.example/'],
  ['a scheme without slashes', 'https:evil.example'],
  ['javascript:', 'javascript:alert(1)'],
  ['javascript: with a leading slash-less space', ' /inicio'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['an encoded protocol-relative URL', '%2F%2Fevil.example'],
  ['an encoded backslash prefix', '%2F%5Cevil.example'],
  ['an encoded tab prefix', '%2F%09%2Fevil.example'],
  ['a relative path', 'inicio'],
  ['empty', ''],
];

describe('safeNextPath', () => {
  test.each(HOSTILE)('refuses %s', (_name, value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  test('refuses nothing at all', () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  test.each([
    ['/coordinacion/personas?q=ana', '/coordinacion/personas?q=ana'],
    ['/diplomado/01-fundamentos/01-introduccion#objetivos', '/diplomado/01-fundamentos/01-introduccion#objetivos'],
    // Encoded slashes and backslashes inside a path are plain characters of that path, not separators.
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
    ['/%5Cevil.example', '/%5Cevil.example'],
    // Dot segments resolve within the site.
    ['/a/../../evil.example', '/evil.example'],
    // Characters a Location header cannot carry come back percent-encoded.
    ['/diplomado/buscar?q=inspección 🙂', '/diplomado/buscar?q=inspecci%C3%B3n%20%F0%9F%99%82'],
  ])('follows %s as %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });
});
