import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { createSession, generateToken, invalidateUserSessions, type Session } from './session.ts';

/**
 * Changes a password after checking the current one. Every session of the person ends (other
 * devices are signed out) and a fresh session is returned for the device that made the change.
 */
export async function changePassword(
  db: Db,
  input: { userId: number; currentPassword: string; newPassword: string; now?: Date },
): Promise<{ token: string; session: Session }> {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId)).get();
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new DomainError('account.wrongPassword', {}, 'invalid');
  }
  const passwordHash = await hashPassword(input.newPassword); // slow work stays outside the transaction
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, input.userId)).run();
    invalidateUserSessions(tx, input.userId);
    const token = generateToken();
    return { token, session: createSession(tx, token, input.userId, now) };
  });
}
