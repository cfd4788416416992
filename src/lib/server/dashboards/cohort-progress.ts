import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { enrollments, lessonProgress, quizAttempts, users } from '../../../../db/schema/index.ts';
import { todayInMexico } from '../../format.ts';
import type { Executor } from '../db.ts';
import { ledgerTotalsOf, moduleMinutes } from '../hours/ledger.ts';
import type { HoursPlan } from '../hours/plan.ts';
import { moduleGrade } from '../quizzes/module-grade.ts';
import { type AttendanceShare, attendanceShare } from '../sessions/attendance-share.ts';
import { lastActivityOf } from './last-activity.ts';
import { type PaceStatus, paceStatus } from './pace.ts';

/**
 * Where each active learner of a cohort stands: hours (total and per module, sums of the ledger),
 * lessons completed, quizzes passed, attendance share, last activity and pace status. The one
 * source of the cohort dashboard and its exports, in a handful of grouped queries whatever the
 * cohort's size. Hours, lessons and quizzes count the whole program (one ledger per person and
 * program, decision 014), attendance only this cohort's sessions.
 */
export function getCohortProgress(db: Executor, cohort: CohortDates, plan: HoursPlan, now: Date): LearnerProgress[] {
  const learners = db
    .select({ userId: users.id, fullName: users.fullName, state: users.state, office: users.office, gender: users.gender })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.cohortId, cohort.id), eq(enrollments.status, 'active')))
    .orderBy(asc(users.sortKey), asc(users.id))
    .all();
  if (learners.length === 0) return [];
  const ids = learners.map((l) => l.userId);
  const totals = ledgerTotalsOf(db, ids, plan.programSlug);
  const lessons = lessonsCompletedOf(db, ids, plan);
  const quizzes = quizzesPassedOf(db, ids, plan);
  const shares = attendanceShare(db, ids, cohort.id, now);
  const activity = lastActivityOf(db, ids);
  const today = todayInMexico(now);
  return learners.map((l) => {
    const mine = totals.get(l.userId) ?? { total: 0, byModule: new Map() };
    const lastActivity = activity.get(l.userId) ?? null;
    return {
      ...l,
      totalMinutes: mine.total,
      moduleMinutes: Object.fromEntries(plan.modules.map((m) => [m.slug, moduleMinutes(mine, m.slug)])),
      lessonsCompleted: lessons.get(l.userId) ?? 0,
      quizzesPassed: quizzes.get(l.userId) ?? 0,
      attendance: shares.get(l.userId) ?? null,
      lastActivity,
      status: paceStatus({
        startsOn: cohort.startsOn,
        endsOn: cohort.endsOn,
        programMinutes: plan.totalMinutes,
        creditedMinutes: mine.total,
        lastActivity,
        now,
        today,
      }),
    };
  });
}

/** Lessons of the plan completed per person (drafts and lessons no longer in the plan left out). */
function lessonsCompletedOf(db: Executor, ids: number[], plan: HoursPlan): Map<number, number> {
  const inPlan = new Set(plan.modules.flatMap((m) => m.lessons.map((l) => l.id)));
  const rows = db
    .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(
      and(inArray(lessonProgress.userId, ids), eq(lessonProgress.programSlug, plan.programSlug), isNotNull(lessonProgress.completedAt)),
    )
    .all();
  const result = new Map<number, number>();
  for (const row of rows) if (inPlan.has(row.lessonId)) result.set(row.userId, (result.get(row.userId) ?? 0) + 1);
  return result;
}

/** Module quizzes passed per person, by each quiz's own grading method over every graded attempt. */
function quizzesPassedOf(db: Executor, ids: number[], plan: HoursPlan): Map<number, number> {
  const rules = new Map(plan.modules.flatMap((m) => (m.quiz ? [[m.slug, m.quiz] as const] : [])));
  const attempts = db
    .select({
      userId: quizAttempts.userId,
      moduleSlug: quizAttempts.moduleSlug,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
    })
    .from(quizAttempts)
    .where(and(inArray(quizAttempts.userId, ids), eq(quizAttempts.programSlug, plan.programSlug), sql`${quizAttempts.score} is not null`))
    .orderBy(asc(quizAttempts.userId), asc(quizAttempts.moduleSlug), asc(quizAttempts.number))
    .all();
  const grouped = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const key = `${a.userId}\u0000${a.moduleSlug}`;
    grouped.set(key, [...(grouped.get(key) ?? []), a]);
  }
  const result = new Map<number, number>();
  for (const list of grouped.values()) {
    const first = list[0];
    const quiz = first && rules.get(first.moduleSlug);
    if (first && quiz && moduleGrade(quiz, list).passed) result.set(first.userId, (result.get(first.userId) ?? 0) + 1);
  }
  return result;
}

export interface CohortDates {
  id: number;
  startsOn: string;
  endsOn: string;
}

export interface LearnerProgress {
  userId: number;
  fullName: string;
  state: string;
  office: string;
  gender: 'mujer' | 'hombre' | 'no_binaria' | 'prefiere_no_decir' | null;
  /** Net credited minutes in the program. */
  totalMinutes: number;
  /** Module slug → net credited minutes (all budgets). */
  moduleMinutes: Record<string, number>;
  lessonsCompleted: number;
  quizzesPassed: number;
  /** This cohort's live sessions; null only if the attendance query left the person out. */
  attendance: AttendanceShare | null;
  lastActivity: Date | null;
  status: PaceStatus;
}
