import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import {
  cohorts,
  enrollments,
  HOUR_BUDGETS,
  type HourBudget,
  lessonProgress,
  quizAttempts,
  quizOverrides,
} from '../../../../db/schema/index.ts';
import type { Quiz } from '../../content/quiz-schema.ts';
import type { Executor } from '../db.ts';
import { newestActiveCohort } from '../course/access.ts';
import { jsonList } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';
import { quizWindow, windowState } from '../quizzes/availability.ts';
import { moduleGrade } from '../quizzes/module-grade.ts';
import { type AttendanceShare, attendanceShare } from '../sessions/attendance-share.ts';
import { type LedgerTotals, ledgerTotals, ledgerTotalsOf } from './ledger.ts';
import type { HoursPlan } from './plan.ts';

/**
 * Where one person stands in the program (issue #13): hours credited per module and budget (sums
 * of the ledger, so a page's numbers always equal it), lessons done, each quiz's state, the share
 * of live sessions attended, and what to do next. `standingFrom` is pure; `getStanding` reads
 * what it needs in a handful of queries, since the learner's home is benchmarked.
 */

export type QuizStatus = 'passed' | 'not-passed' | 'pending' | 'in-progress' | 'not-taken';

/** The program's certificate rules (program.yaml `certificate`): hours, and the attendance share as 0..1. */
export interface CertificateRules {
  hoursRequired: number;
  attendanceShare: number;
}

export interface StandingInput {
  plan: HoursPlan;
  totals: LedgerTotals;
  completedLessons: ReadonlySet<string>;
  attempts: readonly { moduleSlug: string; score: number | null; maxScore: number; submittedAt: Date | null }[];
  extraAttempts?: ReadonlyMap<string, number>;
  quizzes: readonly { moduleSlug: string; quiz: Quiz }[];
  /** The cohort the person is actively enrolled in (quiz windows count from its start); null if none. */
  cohort: { id: number; name: string; startsOn: string } | null;
  attendance: AttendanceShare | null;
  certificate: CertificateRules;
  /** module slug → modules it waits for (module.yaml `prerequisites`). */
  prerequisites?: ReadonlyMap<string, readonly string[]>;
  now: Date;
}

/** Standing of a person in a program: every number in minutes, from the ledger. */
export function standingFrom(input: StandingInput): Standing {
  const { plan, totals, completedLessons } = input;
  const quizByModule = new Map(input.quizzes.map((q) => [q.moduleSlug, q.quiz]));
  const modules = plan.modules.map((m): ModuleStanding => {
    const credited = totals.byModule.get(m.slug);
    const budgets = Object.fromEntries(HOUR_BUDGETS.map((b) => [b, { required: m.budget[b], credited: credited?.get(b) ?? 0 }])) as Record<
      HourBudget,
      { required: number; credited: number }
    >;
    const quiz = quizByModule.get(m.slug);
    return {
      slug: m.slug,
      number: m.number,
      title: m.title,
      requiredMinutes: m.minutes,
      creditedMinutes: HOUR_BUDGETS.reduce((sum, b) => sum + budgets[b].credited, 0),
      budgets,
      lessonsCompleted: m.lessons.filter((l) => completedLessons.has(l.id)).length,
      lessonsTotal: m.lessons.length,
      quiz: quiz ? quizStanding(input, m.slug, quiz) : null,
      locked: false,
    };
  });
  const complete = new Set(
    modules.filter((m) => m.lessonsCompleted === m.lessonsTotal && (m.quiz === null || m.quiz.status === 'passed')).map((m) => m.slug),
  );
  for (const m of modules) m.locked = (input.prerequisites?.get(m.slug) ?? []).some((p) => !complete.has(p));
  const nextLesson = modules
    .filter((m) => !m.locked)
    .flatMap((m) => (plan.modules.find((p) => p.slug === m.slug)?.lessons ?? []).map((l) => ({ id: l.id, moduleSlug: m.slug })))
    .find((l) => !completedLessons.has(l.id));
  const openQuiz = modules.find((m) => !m.locked && m.quiz?.open);
  return {
    programSlug: plan.programSlug,
    requiredMinutes: Math.round(input.certificate.hoursRequired * 60),
    creditedMinutes: totals.total,
    modules,
    attendance: { share: input.attendance?.share ?? null, held: input.attendance?.held ?? 0, required: input.certificate.attendanceShare },
    next: { lesson: nextLesson ?? null, quizModuleSlug: openQuiz?.slug ?? null },
  };
}

function quizStanding(input: StandingInput, moduleSlug: string, quiz: Quiz): QuizStandingView {
  const mine = input.attempts.filter((a) => a.moduleSlug === moduleSlug);
  const { grade, passed } = moduleGrade(quiz, mine);
  const attemptsAllowed = quiz.attempts + (input.extraAttempts?.get(moduleSlug) ?? 0);
  const status: QuizStatus = passed
    ? 'passed'
    : mine.some((a) => !a.submittedAt)
      ? 'in-progress'
      : mine.some((a) => a.submittedAt && a.score === null)
        ? 'pending'
        : mine.length > 0
          ? 'not-passed'
          : 'not-taken';
  const inWindow = input.cohort !== null && windowState(quizWindow(quiz, input.cohort), input.now) === 'open';
  return {
    status,
    // The home shows a grade only when the quiz lets the learner see scores once sent (review.score).
    grade: quiz.review.score === 'after-submit' ? grade : null,
    attemptsUsed: mine.length,
    attemptsAllowed,
    open: !passed && status !== 'pending' && inWindow && (status === 'in-progress' || mine.length < attemptsAllowed),
  };
}

/** What `getStanding` reads besides the ledger: content the caller already holds. */
export interface StandingContext {
  plan: HoursPlan;
  quizzes: readonly { moduleSlug: string; quiz: Quiz }[];
  certificate: CertificateRules;
  prerequisites?: ReadonlyMap<string, readonly string[]>;
  now?: Date;
}

/** A person's standing, read from the database: the ledger, lessons, attempts, enrollment and attendance. */
export function getStanding(db: Executor, userId: number, context: StandingContext): Standing {
  const now = context.now ?? new Date();
  const programSlug = context.plan.programSlug;
  const ref = { userId, programSlug };
  const completedLessons = new Set(
    standingQueries
      .completed(db)
      .all(ref)
      .map((r) => r.lessonId),
  );
  const attempts = standingQueries.attempts(db).all(ref);
  const extraAttempts = new Map(
    standingQueries
      .extras(db)
      .all({ userId })
      .map((r) => [r.moduleSlug, r.extra]),
  );
  const cohort = newestActiveCohort(db, userId, programSlug);
  const attendance = cohort ? (attendanceShare(db, [userId], cohort.id, now).get(userId) ?? null) : null;
  return standingFrom({
    ...context,
    totals: ledgerTotals(db, userId, programSlug),
    completedLessons,
    attempts,
    extraAttempts,
    cohort,
    attendance,
    now,
  });
}

/** One person's reads for `getStanding`, asked on the learner's home at every view: prepared once per connection. */
const standingQueries = {
  completed: preparedOnce((db) =>
    db
      .select({ lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.userId, sql.placeholder('userId')),
          eq(lessonProgress.programSlug, sql.placeholder('programSlug')),
          isNotNull(lessonProgress.completedAt),
        ),
      )
      .prepare(),
  ),
  attempts: preparedOnce((db) =>
    db
      .select({
        moduleSlug: quizAttempts.moduleSlug,
        score: quizAttempts.score,
        maxScore: quizAttempts.maxScore,
        submittedAt: quizAttempts.submittedAt,
      })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, sql.placeholder('userId')), eq(quizAttempts.programSlug, sql.placeholder('programSlug'))))
      .orderBy(asc(quizAttempts.number))
      .prepare(),
  ),
  extras: preparedOnce((db) =>
    db
      .select({ moduleSlug: quizOverrides.moduleSlug, extra: sql<number>`coalesce(sum(${quizOverrides.extraAttempts}), 0)` })
      .from(quizOverrides)
      .where(eq(quizOverrides.userId, sql.placeholder('userId')))
      .groupBy(quizOverrides.moduleSlug)
      .prepare(),
  ),
};

/**
 * The standings of many people at once (a cohort's certificate run, its eligibility list): the
 * same reads as `getStanding`, each made once for everyone, then `standingFrom` per person.
 */
export function getStandings(db: Executor, userIds: readonly number[], context: StandingContext): Map<number, Standing> {
  const now = context.now ?? new Date();
  const programSlug = context.plan.programSlug;
  const ids = [...new Set(userIds)];
  const result = new Map<number, Standing>();
  if (ids.length === 0) return result;
  const completed = groupBy(
    db
      .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(
        and(
          inArray(lessonProgress.userId, jsonList(ids)),
          eq(lessonProgress.programSlug, programSlug),
          isNotNull(lessonProgress.completedAt),
        ),
      )
      .all(),
  );
  const attempts = groupBy(
    db
      .select({
        userId: quizAttempts.userId,
        moduleSlug: quizAttempts.moduleSlug,
        score: quizAttempts.score,
        maxScore: quizAttempts.maxScore,
        submittedAt: quizAttempts.submittedAt,
      })
      .from(quizAttempts)
      .where(and(inArray(quizAttempts.userId, jsonList(ids)), eq(quizAttempts.programSlug, programSlug)))
      .orderBy(asc(quizAttempts.userId), asc(quizAttempts.number))
      .all(),
  );
  const extras = groupBy(
    db
      .select({
        userId: quizOverrides.userId,
        moduleSlug: quizOverrides.moduleSlug,
        extra: sql<number>`coalesce(sum(${quizOverrides.extraAttempts}), 0)`,
      })
      .from(quizOverrides)
      .where(inArray(quizOverrides.userId, jsonList(ids)))
      .groupBy(quizOverrides.userId, quizOverrides.moduleSlug)
      .all(),
  );
  // Each person's latest active cohort in the program, as getStanding picks it.
  const cohortOf = new Map<number, { id: number; name: string; startsOn: string }>();
  for (const row of db
    .select({ userId: enrollments.userId, id: cohorts.id, name: cohorts.name, startsOn: cohorts.startsOn })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(and(inArray(enrollments.userId, jsonList(ids)), eq(enrollments.status, 'active'), eq(cohorts.programSlug, programSlug)))
    .orderBy(desc(cohorts.startsOn))
    .all()) {
    if (!cohortOf.has(row.userId)) cohortOf.set(row.userId, { id: row.id, name: row.name, startsOn: row.startsOn });
  }
  const shares = new Map<number, AttendanceShare>();
  for (const [cohortId, members] of groupBy(
    [...cohortOf].map(([userId, c]) => ({ userId, cohortId: c.id })),
    'cohortId',
  )) {
    const memberIds = members.map((m) => m.userId);
    for (const [userId, share] of attendanceShare(db, memberIds, cohortId, now)) shares.set(userId, share);
  }
  const totals = ledgerTotalsOf(db, ids, programSlug);
  for (const userId of ids) {
    result.set(
      userId,
      standingFrom({
        ...context,
        totals: totals.get(userId) ?? { total: 0, byModule: new Map() },
        completedLessons: new Set((completed.get(userId) ?? []).map((r) => r.lessonId)),
        attempts: attempts.get(userId) ?? [],
        extraAttempts: new Map((extras.get(userId) ?? []).map((r) => [r.moduleSlug, r.extra])),
        cohort: cohortOf.get(userId) ?? null,
        attendance: shares.get(userId) ?? null,
        now,
      }),
    );
  }
  return result;
}

/** Rows grouped by a numeric key (the user's id by default), in their order. */
function groupBy<T extends Record<K, number>, K extends string = 'userId'>(rows: readonly T[], key: K = 'userId' as K): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

export interface QuizStandingView {
  status: QuizStatus;
  /** The module grade 0..1 by the quiz's method; null when none is graded or the quiz hides scores. */
  grade: number | null;
  attemptsUsed: number;
  attemptsAllowed: number;
  /** Whether the learner can take (or go on with) the quiz now: open window, attempts left, not passed. */
  open: boolean;
}

export interface ModuleStanding {
  slug: string;
  number: number;
  title: string;
  requiredMinutes: number;
  /** Sum of the module's ledger entries (all budgets). */
  creditedMinutes: number;
  budgets: Record<HourBudget, { required: number; credited: number }>;
  lessonsCompleted: number;
  lessonsTotal: number;
  quiz: QuizStandingView | null;
  /** Waiting for prerequisite modules. */
  locked: boolean;
}

export interface Standing {
  programSlug: string;
  /** The certificate's hours (program.yaml), in minutes. */
  requiredMinutes: number;
  /** Sum of the person's whole ledger in the program. */
  creditedMinutes: number;
  modules: ModuleStanding[];
  /** share: null when no session counts yet (meets the requirement); required: 0..1. */
  attendance: { share: number | null; held: number; required: number };
  next: { lesson: { id: string; moduleSlug: string } | null; quizModuleSlug: string | null };
}
