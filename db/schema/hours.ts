import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './accounts.ts';
import { cohorts, enrollments } from './cohorts.ts';

/** Where an hour comes from, and the module budget it counts against (docs/decisions/014-hours-budget.md). */
export const HOUR_SOURCES = ['lesson', 'quiz', 'live_session', 'practice', 'adjustment'] as const;
export const HOUR_BUDGETS = ['study', 'live', 'practice', 'evaluation'] as const;
export type HourSource = (typeof HOUR_SOURCES)[number];
export type HourBudget = (typeof HOUR_BUDGETS)[number];

/**
 * Each module's hours split by budget, as `module.yaml` declares them, copied here when the
 * server starts (hours/plan.ts), so the ledger's trigger can refuse credit beyond a budget.
 */
export const hourBudgets = sqliteTable(
  'hour_budgets',
  {
    programSlug: text('program_slug').notNull(),
    moduleSlug: text('module_slug').notNull(),
    budget: text('budget', { enum: HOUR_BUDGETS }).notNull(),
    minutes: integer('minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programSlug, t.moduleSlug, t.budget] })],
);

/**
 * The hours ledger: every credited minute, append-only (triggers in migration 0008 refuse UPDATE
 * and DELETE, and any entry that would take one reference's net credit outside 0..refMinutes or a
 * budget beyond its minutes). A correction is a new entry, negative to reverse, with its reason.
 * One ledger per person and program, whatever the cohort: `enrollmentId` says where it was earned.
 */
export const hoursLedger = sqliteTable(
  'hours_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    programSlug: text('program_slug').notNull(),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    moduleSlug: text('module_slug').notNull(),
    source: text('source', { enum: HOUR_SOURCES }).notNull(),
    budget: text('budget', { enum: HOUR_BUDGETS }).notNull(),
    /** What was credited: a lesson id, a module slug (its quiz), `session:12`, `practice:3`, `adjustment:<uuid>`. */
    ref: text('ref').notNull(),
    /** The most this reference can ever be worth, net (a lesson's hours, a session's duration…). */
    refMinutes: integer('ref_minutes').notNull(),
    /** Signed: negative entries reverse earlier credit. */
    minutes: integer('minutes').notNull(),
    reversesId: integer('reverses_id'),
    /** Null when Aula credited it by itself (a lesson completed, a quiz passed). */
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
    reason: text('reason'),
  },
  (t) => [
    index('hours_ledger_user_program_idx').on(t.userId, t.programSlug, t.moduleSlug),
    index('hours_ledger_ref_idx').on(t.userId, t.programSlug, t.source, t.ref),
    index('hours_ledger_enrollment_idx').on(t.enrollmentId),
    index('hours_ledger_recorded_idx').on(t.recordedAt),
  ],
);

/** A live session of a cohort: virtual (a link) or in person (a place). */
export const liveSessions = sqliteTable(
  'live_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    moduleSlug: text('module_slug').notNull(),
    title: text('title').notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    mode: text('mode', { enum: ['virtual', 'in_person'] }).notNull(),
    /** The link of a virtual session, or the place of one in person. */
    location: text('location').notNull(),
    /** Seeds the check-in code that changes every minute (hours/check-in.ts); never sent to learners. */
    checkinSecret: text('checkin_secret').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('live_sessions_cohort_idx').on(t.cohortId, t.startsAt)],
);

export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** One person's attendance at one session; its hours live in the ledger, not here. */
export const attendance = sqliteTable(
  'attendance',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => liveSessions.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ATTENDANCE_STATUSES }).notNull(),
    minutesAttended: integer('minutes_attended').notNull(),
    via: text('via', { enum: ['instructor', 'check_in'] }).notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('attendance_user_idx').on(t.userId)],
);

/** Supervised field practice (e.g. an accompanied inspection), recorded by an instructor. */
export const fieldPractices = sqliteTable(
  'field_practices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    enrollmentId: integer('enrollment_id')
      .notNull()
      .references(() => enrollments.id),
    moduleSlug: text('module_slug').notNull(),
    /** A calendar date (YYYY-MM-DD) in Mexico City. */
    practicedOn: text('practiced_on').notNull(),
    minutes: integer('minutes').notNull(),
    /** 0..100, from the practice rubric; null when not scored. */
    rubricScore: real('rubric_score'),
    evidenceNote: text('evidence_note').notNull(),
    recordedBy: integer('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('field_practices_user_idx').on(t.userId, t.moduleSlug), index('field_practices_enrollment_idx').on(t.enrollmentId)],
);

/** A person's private calendar feed: only the SHA-256 of its token is kept. */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
