import { and, eq, isNull } from 'drizzle-orm';
import { invitations, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { formatDateTime } from '../../format.ts';
import { appendAuditEntries, appendAuditEntry } from '../audit/log.ts';
import { createSession, generateToken, hashToken, invalidateUserSessions, type Session } from '../auth/session.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { type OutgoingMessage, queueMessage, queueMessages } from '../mail/outbox.ts';
import { assertMayActOn } from './may-act-on.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface IssuedInvitation {
  userId: number;
  fullName: string;
  email: string;
  link: string;
  expiresAt: Date;
  messageId: number;
}

/** A new invitation before anything is stored: the link to send, and only its token's hash to keep. */
export interface PreparedInvitation {
  tokenHash: string;
  link: string;
  expiresAt: Date;
  message: OutgoingMessage;
}

/**
 * Draws the token and writes the message of a new invitation, storing nothing: a CSV import
 * prepares thousands of them before its short transaction (issue #11).
 */
export function prepareInvitation(person: { fullName: string; email: string }, baseUrl: string, now: Date): PreparedInvitation {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  const link = new URL(`/invitacion/${token}`, baseUrl).toString();
  return {
    tokenHash: hashToken(token),
    link,
    expiresAt,
    message: {
      to: person.email,
      subject: t('invitation.mail.subject'),
      body: t('invitation.mail.body', { name: person.fullName, link, expires: formatDateTime(expiresAt) }),
    },
  };
}

/**
 * Issues a one-time link to set a password, replacing any unused earlier link, and queues the
 * message. Only the token's hash is kept in `invitations`; the outbox keeps the message as sent.
 */
export function issueInvitation(
  db: Executor,
  input: { userId: number; actorId: number | null; baseUrl: string; now?: Date },
): IssuedInvitation {
  const now = input.now ?? new Date();
  const user = db.select({ fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, input.userId)).get();
  if (!user) throw new DomainError('people.notFound', {}, 'not-found');
  db.update(invitations)
    .set({ usedAt: now })
    .where(and(eq(invitations.userId, input.userId), isNull(invitations.usedAt)))
    .run();
  const prepared = prepareInvitation(user, input.baseUrl, now);
  db.insert(invitations)
    .values({ id: prepared.tokenHash, userId: input.userId, createdBy: input.actorId, createdAt: now, expiresAt: prepared.expiresAt })
    .run();
  const messageId = queueMessage(db, prepared.message, now);
  appendAuditEntry(db, { actorId: input.actorId, action: 'account.invited', subjectUserId: input.userId, at: now });
  return {
    userId: input.userId,
    fullName: user.fullName,
    email: user.email,
    link: prepared.link,
    expiresAt: prepared.expiresAt,
    messageId,
  };
}

/**
 * Stores prepared invitations of accounts created in the same transaction (so there is no earlier
 * link to replace), with their messages and audit entries. Call inside a transaction.
 */
export function issuePreparedInvitations(
  db: Db,
  input: { invitations: readonly { userId: number; fullName: string; prepared: PreparedInvitation }[]; actorId: number | null; now: Date },
): IssuedInvitation[] {
  const { actorId, now } = input;
  const insert = prepareInsert(db, invitations, ['id', 'userId', 'createdBy', 'createdAt', 'expiresAt']);
  for (const i of input.invitations)
    insert({ id: i.prepared.tokenHash, userId: i.userId, createdBy: actorId, createdAt: now, expiresAt: i.prepared.expiresAt });
  const messageIds = queueMessages(
    db,
    input.invitations.map((i) => i.prepared.message),
    now,
  );
  appendAuditEntries(
    db,
    input.invitations.map((i) => ({ actorId, action: 'account.invited', subjectUserId: i.userId, at: now })),
  );
  return input.invitations.map((i, index) => ({
    userId: i.userId,
    fullName: i.fullName,
    email: i.prepared.message.to,
    link: i.prepared.link,
    expiresAt: i.prepared.expiresAt,
    messageId: messageIds[index] as number,
  }));
}

/**
 * A new access link for an existing account, asked for by a coordinator or admin (when someone
 * forgot their password). Following the link sets the password, so the actor must be allowed to
 * act on the account (decision 008); the message goes out by mail when SMTP is configured.
 */
export async function resendInvitation(
  db: Db,
  input: { userId: number; actorId: number; baseUrl: string; now?: Date },
): Promise<IssuedInvitation> {
  const invitation = db.transaction((tx) => {
    assertMayActOn(tx, input.actorId, input.userId);
    return issueInvitation(tx, input);
  });
  await deliverMessages(db, [invitation.messageId]);
  return invitation;
}

/** The person an invitation token belongs to, or a DomainError saying why it cannot be used. */
export function requireValidInvitation(db: Executor, token: string, now = new Date()): { id: string; userId: number; fullName: string } {
  const row = db
    .select({
      id: invitations.id,
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      fullName: users.fullName,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(eq(invitations.id, hashToken(token)))
    .get();
  if (!row || row.usedAt) throw new DomainError('invitation.invalid', {}, 'not-found');
  if (row.expiresAt <= now) throw new DomainError('invitation.expired', {}, 'not-found');
  return { id: row.id, userId: row.userId, fullName: row.fullName };
}

/** Sets the password, uses up the account's links, ends other sessions and opens a new one, all at once. */
export function acceptInvitation(
  db: Db,
  input: { token: string; passwordHash: string; now?: Date },
): { sessionToken: string; session: Session } {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const invitation = requireValidInvitation(tx, input.token, now);
    // Uses up this link and any other unused one of the account (a reset link the person asked for).
    tx.update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.userId, invitation.userId), isNull(invitations.usedAt)))
      .run();
    tx.update(users).set({ passwordHash: input.passwordHash, updatedAt: now }).where(eq(users.id, invitation.userId)).run();
    invalidateUserSessions(tx, invitation.userId);
    const sessionToken = generateToken();
    const session = createSession(tx, sessionToken, invitation.userId, now);
    return { sessionToken, session };
  });
}
