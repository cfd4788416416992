import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';

/** Append-only record of privileged acts (DESIGN.md: "Everything privileged is audited"). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Null when the system acted (demo seed, CLI on a fresh install). */
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    subjectUserId: integer('subject_user_id').references(() => users.id),
    cohortId: integer('cohort_id'),
    reason: text('reason'),
    /** JSON with what changed, e.g. {"role":"instructor"}. */
    details: text('details'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action),
    index('audit_log_subject_idx').on(t.subjectUserId),
    index('audit_log_actor_idx').on(t.actorId),
  ],
);
