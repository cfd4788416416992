import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';

/** A cohort (generación): one run of a program, with dates and instructors. */
export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The program's slug in content/ (one diplomado today; the code must not assume one). */
    programSlug: text('program_slug').notNull(),
    name: text('name').notNull(),
    /** Calendar dates (YYYY-MM-DD) in Mexico City: a cohort runs on days, not instants. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('cohorts_name_unique').on(t.name), index('cohorts_starts_idx').on(t.startsOn)],
);

export const cohortInstructors = sqliteTable(
  'cohort_instructors',
  {
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index('cohort_instructors_user_idx').on(t.userId)],
);

/** One row per person and cohort; withdrawal and re-enrollment change its status (audited). */
export const enrollments = sqliteTable(
  'enrollments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ['active', 'withdrawn'] }).notNull(),
    enrolledAt: integer('enrolled_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    /**
     * The person's users.sort_key, copied here by triggers (migration 0015) so that a cohort's
     * roster is read in name order from an index instead of sorted on every view. Never written
     * by the application.
     */
    sortKey: text('sort_key').notNull().default(''),
  },
  (t) => [
    uniqueIndex('enrollments_cohort_user_unique').on(t.cohortId, t.userId),
    index('enrollments_user_idx').on(t.userId),
    index('enrollments_cohort_sort_idx').on(t.cohortId, t.sortKey, t.userId),
  ],
);
