import { desc, eq, sql } from 'drizzle-orm';
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

export function listOutbox(db: Db, { page = 1, pageSize = 25 } = {}): { entries: OutboxEntry[]; total: number } {
  const entries = db
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(pageSize)
    .offset((Math.max(1, page) - 1) * pageSize)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(outbox).get()?.n ?? 0;
  return { entries, total };
}
