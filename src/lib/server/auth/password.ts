import { hash, verify } from '@node-rs/argon2';

/** OWASP's minimum Argon2id settings (19 MiB, 2 passes, 1 lane); @node-rs/argon2 defaults to Argon2id. */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the email is unknown, so a failed sign-in takes as long
 * whether or not the account exists.
 */
let decoyHash: Promise<string> | undefined;
export function getDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword('aula-decoy-password-never-valid');
  return decoyHash;
}
