import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';

/**
 * A learner's progress in one lesson. `lessonId` is the content id ("04-subcontratacion-repse/
 * 01-articulos-12-15"): content lives in files, not tables. Engaged time only grows by
 * heartbeats, credited against the learner's one clock (`learner_clocks`).
 */
export const lessonProgress = sqliteTable(
  'lesson_progress',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    programSlug: text('program_slug').notNull(),
    moduleSlug: text('module_slug').notNull(),
    lessonId: text('lesson_id').notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    /** The last heartbeat received for this lesson; credit is decided by the learner's clock. */
    lastHeartbeatAt: integer('last_heartbeat_at', { mode: 'timestamp_ms' }),
    engagedSeconds: integer('engaged_seconds').notNull().default(0),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('lesson_progress_user_lesson_unique').on(t.userId, t.lessonId),
    index('lesson_progress_user_module_idx').on(t.userId, t.moduleSlug),
  ],
);

/**
 * One wall clock per learner (docs/decisions/009-one-wall-clock.md): the instant up to which
 * their engaged time has been credited, on any lesson, from any tab or device.
 */
export const learnerClocks = sqliteTable('learner_clocks', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  creditedUntil: integer('credited_until', { mode: 'timestamp_ms' }).notNull(),
});
