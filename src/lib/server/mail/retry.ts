import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages, isMailConfigured } from './deliver.ts';
import { claimFailedMessage, getOutboxMessage, stateOf } from './outbox.ts';

/**
 * Sends a failed message again through the configured SMTP server, and records in the audit log
 * who retried it and how it went. Only failed messages: a sent one would arrive twice, and a
 * pending one was kept on purpose when no server was configured.
 */
export async function retryMessage(
  db: Db,
  input: { messageId: number; actorId: number },
): Promise<{ sent: boolean; error: string | null; to: string }> {
  const message = getOutboxMessage(db, input.messageId);
  if (!message) throw new DomainError('outbox.notFound', {}, 'not-found');
  if (stateOf(message) !== 'failed') throw new DomainError('outbox.retry.notFailed', {}, 'conflict');
  if (!isMailConfigured()) throw new DomainError('outbox.retry.notConfigured', {}, 'conflict');
  if (!claimFailedMessage(db, message.id)) throw new DomainError('outbox.retry.notFailed', {}, 'conflict');
  await deliverMessages(db, [message.id]);
  const after = getOutboxMessage(db, message.id);
  const sent = Boolean(after?.sentAt);
  const error = sent ? null : (after?.error ?? null);
  const recipient = db.select({ id: users.id }).from(users).where(eq(users.email, message.to)).get();
  appendAuditEntry(db, {
    actorId: input.actorId,
    action: 'mail.retried',
    subjectUserId: recipient?.id ?? null,
    details: { messageId: message.id, to: message.to, subject: message.subject, error },
  });
  return { sent, error, to: message.to };
}
