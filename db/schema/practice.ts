import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { cohorts, enrollments } from './cohorts.ts';

/** The kinds of tool practice (issue 15): each is content in content/tools/, scored on the server. */
export const PRACTICE_KINDS = ['inspection', 'ranking', 'kpi', 'case_file'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];

/**
 * One learner's attempt at a practice exercise: a simulated inspection, a risk ranking, a KPI
 * reading or a practice case file. `state` holds the learner's choices so far (JSON, saved on
 * the server so a phone can resume); scoring happens on the server at submission, and the
 * rubric's verdict is stored in `feedback`. Never mixed with real inspection data.
 */
export const practiceAttempts = sqliteTable(
  'practice_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    enrollmentId: integer('enrollment_id').references(() => enrollments.id),
    kind: text('kind', { enum: PRACTICE_KINDS }).notNull(),
    /** The exercise's slug in content/tools/ (e.g. "arneses-lerma"). */
    exerciseSlug: text('exercise_slug').notNull(),
    /** The exercise's content hash when the attempt began: editing content never rescores it. */
    exerciseVersion: text('exercise_version').notNull(),
    state: text('state').notNull(),
    status: text('status', { enum: ['in_progress', 'submitted', 'reviewed'] }).notNull(),
    score: real('score'),
    maxScore: real('max_score'),
    feedback: text('feedback'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: integer('reviewed_at', { mode: 'timestamp_ms' }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    // One attempt in progress per person and exercise: a second tab resumes it.
    uniqueIndex('practice_attempts_one_open_unique').on(t.userId, t.exerciseSlug).where(sql`status = 'in_progress'`),
    index('practice_attempts_user_idx').on(t.userId, t.kind),
    index('practice_attempts_cohort_idx').on(t.cohortId, t.exerciseSlug),
  ],
);

/** A learner's marks on an interactive checklist inside a lesson (module 7), saved per lesson. */
export const checklistMarks = sqliteTable(
  'checklist_marks',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    lessonId: text('lesson_id').notNull(),
    checklistId: text('checklist_id').notNull(),
    /** Item id → mark ("cumple" | "no_cumple" | "no_aplica") and note, as JSON. */
    marks: text('marks').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.lessonId, t.checklistId] })],
);
