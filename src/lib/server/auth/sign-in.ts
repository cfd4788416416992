import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { getDecoyHash, verifyPassword } from './password.ts';
import { createSession, generateToken, type Session } from './session.ts';
import { clearAccountThrottle, getLockedUntil, recordFailedSignIn, throttleKeys } from './throttle.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The client's address, for per-address throttling. */
  address: string;
}

/**
 * Checks the password and opens a session. Every failure gives the same message, whether the
 * email exists or not, and counts toward both throttles.
 */
export async function signIn(db: Db, input: SignInInput, now = new Date()): Promise<{ token: string; session: Session }> {
  const email = input.email.trim().toLowerCase();
  const keys = throttleKeys(email, input.address);
  const lockedUntil = getLockedUntil(db, keys, now);
  if (lockedUntil) throw throttled(lockedUntil, now);

  const user = db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), input.password);
  if (!user?.passwordHash || !valid) {
    recordFailedSignIn(db, keys, now);
    const lockedNow = getLockedUntil(db, keys, now);
    if (lockedNow) throw throttled(lockedNow, now);
    throw new DomainError('auth.signIn.invalid', {}, 'invalid');
  }
  clearAccountThrottle(db, keys);
  const token = generateToken();
  const session = createSession(db, token, user.id, now);
  return { token, session };
}

function throttled(until: Date, now: Date): DomainError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new DomainError('auth.signIn.throttled', { minutes }, 'too-many-requests');
}
