import { describe, expect, test } from 'vitest';
import { hashPassword, verifyPassword } from '../../../../../src/lib/server/auth/password.ts';

describe('hashPassword', () => {
  test('produces an Argon2id hash with OWASP’s minimum parameters', async () => {
    const hash = await hashPassword('contraseña-de-prueba');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('contraseña-de-prueba');
  });

  test('salts every hash: the same password hashes differently twice', async () => {
    expect(await hashPassword('misma-contraseña')).not.toBe(await hashPassword('misma-contraseña'));
  });
});

describe('verifyPassword', () => {
  test('accepts the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('Inspección2026!');
    expect(await verifyPassword(hash, 'Inspección2026!')).toBe(true);
    expect(await verifyPassword(hash, 'inspección2026!')).toBe(false);
  });

  test('returns false instead of throwing on a malformed hash', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
