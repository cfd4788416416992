import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { outbox } from '../../../../db/schema/index.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db, Executor } from '../db.ts';

export interface OutgoingMessage {
  to: string;
  subject: string;
  body: string;
}

/** Keeps every message in the outbox; delivery (when SMTP is configured) happens after commit. */
export function queueMessage(db: Executor, message: OutgoingMessage, now = new Date()): number {
  return db
    .insert(outbox)
    .values({ ...message, createdAt: now })
    .returning({ id: outbox.id })
    .get().id;
}

/** Queues many messages (a CSV import's invitations); returns their ids in order. Call inside a transaction. */
export function queueMessages(db: Db, messages: readonly OutgoingMessage[], now = new Date()): number[] {
  const insert = prepareInsert(db, outbox, ['to', 'subject', 'body', 'createdAt']);
  return messages.map((m) => insert({ ...m, createdAt: now }));
}

export function markMessageSent(db: Db, id: number, error: string | null, now = new Date()): void {
  db.update(outbox)
    .set(error ? { error } : { sentAt: now, error: null })
    .where(eq(outbox.id, id))
    .run();
}

export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
}

/** Where a message stands: sent, failed on its last try, or never tried (no SMTP then). */
export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

function stateCondition(state: OutboxState): SQL | undefined {
  if (state === 'sent') return isNotNull(outbox.sentAt);
  if (state === 'failed') return and(isNull(outbox.sentAt), isNotNull(outbox.error));
  return and(isNull(outbox.sentAt), isNull(outbox.error));
}

export function stateOf(message: Pick<OutboxEntry, 'sentAt' | 'error'>): OutboxState {
  return message.sentAt ? 'sent' : message.error ? 'failed' : 'pending';
}

export function listOutbox(
  db: Db,
  { state, page = 1, pageSize = 25 }: { state?: OutboxState; page?: number; pageSize?: number } = {},
): { entries: OutboxEntry[]; total: number } {
  const where = state ? stateCondition(state) : undefined;
  const entries = db
    .select()
    .from(outbox)
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(outbox).where(where).get()?.n ?? 0;
  return { entries, total };
}

/** How many messages are in each state, for the filter. */
export function countOutboxByState(db: Db): Record<OutboxState, number> {
  const row = db
    .select({
      sent: sql<number>`coalesce(sum(${outbox.sentAt} is not null), 0)`,
      failed: sql<number>`coalesce(sum(${outbox.sentAt} is null and ${outbox.error} is not null), 0)`,
      pending: sql<number>`coalesce(sum(${outbox.sentAt} is null and ${outbox.error} is null), 0)`,
    })
    .from(outbox)
    .get();
  return { sent: row?.sent ?? 0, failed: row?.failed ?? 0, pending: row?.pending ?? 0 };
}

/**
 * Takes a failed message back to "sin enviar" before it is sent again, only if it is still failed:
 * of two admins retrying at once, one gets it and the other is told it no longer failed, so the
 * recipient never gets it twice. False when someone else took it (or it never failed).
 */
export function claimFailedMessage(db: Db, id: number): boolean {
  return (
    db
      .update(outbox)
      .set({ error: null })
      .where(and(eq(outbox.id, id), stateCondition('failed')))
      .run().changes === 1
  );
}

export function getOutboxMessage(db: Db, id: number): OutboxEntry | null {
  return db.select().from(outbox).where(eq(outbox.id, id)).get() ?? null;
}
