import { and, eq, isNull } from 'drizzle-orm';
import { invitations, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { formatDateTime } from '../../format.ts';
import { requireValidInvitation } from '../accounts/invitations.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { queueMessage } from '../mail/outbox.ts';
import { generateToken, hashToken, invalidateUserSessions } from './session.ts';
import { getLockedUntil, RESET_THROTTLE_RULES, recordAttempt, resetThrottleKeys } from './throttle.ts';

/** A link asked for by the person themselves lives one hour (an invitation, seven days). */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

/**
 * "¿Olvidó su contraseña?": sends a one-time link to set a new password when the email belongs to
 * an account, and answers the same way when it does not. Both paths draw a token, hash it, write the
 * message and run the same lookup in one transaction; only an existing account's rows are stored
 * (the link in `invitations`, decision 011). Delivery is not awaited, so SMTP's time tells nothing.
 * Requests are throttled per typed email and per address, known or not.
 */
export function requestPasswordReset(db: Db, input: { email: string; address: string; baseUrl: string; now?: Date }): void {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const keys = resetThrottleKeys(email, input.address);
  const lockedUntil = getLockedUntil(db, keys, now);
  if (lockedUntil) {
    const minutes = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new DomainError('passwordReset.throttled', { minutes }, 'too-many-requests');
  }
  recordAttempt(db, keys, RESET_THROTTLE_RULES, now);

  const token = generateToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS);
  const link = new URL(`/recuperar-contrasena/${token}`, input.baseUrl).toString();
  const messageId = db.transaction((tx) => {
    const user = tx.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.email, email)).get();
    const message = {
      to: email,
      subject: t('passwordReset.mail.subject'),
      body: t('passwordReset.mail.body', { name: user?.fullName ?? email, link, expires: formatDateTime(expiresAt) }),
    };
    if (!user) return null;
    // The person made the link: `created_by` is their own id, which tells it from an invitation.
    tx.insert(invitations).values({ id: tokenHash, userId: user.id, createdBy: user.id, createdAt: now, expiresAt }).run();
    const id = queueMessage(tx, message, now);
    appendAuditEntry(tx, { actorId: null, action: 'account.passwordResetRequested', subjectUserId: user.id, at: now });
    return id;
  });
  if (messageId !== null) {
    deliverMessages(db, [messageId]).catch((error: unknown) => console.error('Password-reset delivery failed:', error));
  }
}

/**
 * Sets a new password through a one-time link, in one transaction: the link and every other unused
 * link of the account are used up, and every session of the person ends, on every device. No new
 * session opens: the person signs in with the new password.
 */
export function resetPassword(db: Db, input: { token: string; passwordHash: string; now?: Date }): { userId: number } {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const link = requireValidInvitation(tx, input.token, now);
    tx.update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.userId, link.userId), isNull(invitations.usedAt)))
      .run();
    tx.update(users).set({ passwordHash: input.passwordHash, updatedAt: now }).where(eq(users.id, link.userId)).run();
    invalidateUserSessions(tx, link.userId);
    appendAuditEntry(tx, { actorId: link.userId, action: 'account.passwordReset', subjectUserId: link.userId, at: now });
    return { userId: link.userId };
  });
}
