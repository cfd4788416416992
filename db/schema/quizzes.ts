import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { cohorts } from './cohorts.ts';

/**
 * Every version of a quiz that an attempt was taken on, by content hash. Attempts point here, so
 * editing quiz.yaml never changes a recorded grade and a review shows what the learner saw.
 */
export const quizVersions = sqliteTable('quiz_versions', {
  hash: text('hash').primaryKey(),
  moduleSlug: text('module_slug').notNull(),
  /** The quiz as validated JSON (questions, keys, rubrics): server-side only. */
  definition: text('definition').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

export const quizAttempts = sqliteTable(
  'quiz_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    cohortId: integer('cohort_id').references(() => cohorts.id),
    programSlug: text('program_slug').notNull(),
    moduleSlug: text('module_slug').notNull(),
    /** 1, 2, 3… for this learner and quiz. */
    number: integer('number').notNull(),
    quizVersion: text('quiz_version')
      .notNull()
      .references(() => quizVersions.hash),
    /** The questions drawn and the order of everything shown (AttemptLayout JSON). */
    layout: text('layout').notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** The server's deadline, null without a time limit. */
    deadlineAt: integer('deadline_at', { mode: 'timestamp_ms' }),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    /** How it ended: the learner sent it, or the server closed it at the deadline. */
    closedBy: text('closed_by', { enum: ['learner', 'deadline'] }),
    /** Null until every question is graded (essays wait for an instructor). */
    score: real('score'),
    maxScore: real('max_score').notNull(),
    gradedAt: integer('graded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('quiz_attempts_user_module_number_unique').on(t.userId, t.moduleSlug, t.number),
    index('quiz_attempts_cohort_module_idx').on(t.cohortId, t.moduleSlug),
  ],
);

export const quizResponses = sqliteTable(
  'quiz_responses',
  {
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => quizAttempts.id),
    questionId: text('question_id').notNull(),
    /** The answer in the question's own ids (grading.ts Response JSON). */
    response: text('response'),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
    score: real('score'),
    fraction: real('fraction'),
    /** For essays: the rubric level chosen per criterion, who graded, the comment, when released. */
    rubricLevels: text('rubric_levels'),
    gradedBy: integer('graded_by').references(() => users.id),
    comment: text('comment'),
    gradedAt: integer('graded_at', { mode: 'timestamp_ms' }),
    /**
     * The quiz version this response was last regraded with (quizzes/regrade.ts), null while it
     * keeps the grade of the attempt's own version: a key corrected twice is compared with the last.
     */
    regradedVersion: text('regraded_version').references(() => quizVersions.hash),
    regradedAt: integer('regraded_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.questionId] })],
);

/**
 * One attempt regraded after a key correction (docs/decisions/007): the grades before and after,
 * per question and for the attempt, and whether the module's kept grade passed before and after.
 * Append-only (migration 0014): the learner's review and the coordinator's certificate review read
 * it, and the audit log keeps the same facts. Unique per attempt and version, so a regrade runs once.
 */
export const quizRegrades = sqliteTable(
  'quiz_regrades',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    attemptId: integer('attempt_id')
      .notNull()
      .references(() => quizAttempts.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    /** The corrected version the questions were regraded with. */
    quizVersion: text('quiz_version')
      .notNull()
      .references(() => quizVersions.hash),
    /** RegradedQuestion[] JSON: question id, the version it was graded with, points before and after. */
    questions: text('questions').notNull(),
    scoreBefore: real('score_before'),
    scoreAfter: real('score_after'),
    maxScoreBefore: real('max_score_before').notNull(),
    maxScoreAfter: real('max_score_after').notNull(),
    /** The module's kept grade (its grading method over every attempt) passed before / after. */
    modulePassedBefore: integer('module_passed_before', { mode: 'boolean' }).notNull(),
    modulePassedAfter: integer('module_passed_after', { mode: 'boolean' }).notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    regradedAt: integer('regraded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('quiz_regrades_attempt_version_unique').on(t.attemptId, t.quizVersion), index('quiz_regrades_user_idx').on(t.userId)],
);

/** One more attempt or more time for one learner and quiz, with the reason (also in the audit log). */
export const quizOverrides = sqliteTable(
  'quiz_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    moduleSlug: text('module_slug').notNull(),
    extraAttempts: integer('extra_attempts').notNull().default(0),
    extraMinutes: integer('extra_minutes').notNull().default(0),
    reason: text('reason').notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('quiz_overrides_user_module_idx').on(t.userId, t.moduleSlug)],
);
