import { and, asc, eq } from 'drizzle-orm';
import { hourBudgets, quizAttempts, quizVersions } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Executor } from '../db.ts';
import { moduleGrade } from '../quizzes/module-grade.ts';
import { creditInFull, enrollmentForCredit, setCredit } from './ledger.ts';

/**
 * What Aula credits by itself: a lesson completed (its hours, from the study budget) and a module
 * quiz passed (the module's evaluation budget). Both are references credited at most once; a quiz
 * whose grade stops passing is reversed with its reason, and credited again if it passes again.
 */

export function creditLessonCompletion(
  db: Executor,
  input: { userId: number; programSlug: string; moduleSlug: string; lessonId: string; minutes: number; at?: Date },
): number {
  const enrollmentId = enrollmentForCredit(db, input.userId, input.programSlug);
  if (enrollmentId === null || input.minutes <= 0) return 0;
  return creditInFull(db, {
    userId: input.userId,
    programSlug: input.programSlug,
    moduleSlug: input.moduleSlug,
    source: 'lesson',
    budget: 'study',
    ref: input.lessonId,
    refMinutes: input.minutes,
    enrollmentId,
    recordedBy: null,
    at: input.at,
  });
}

/**
 * Brings a learner's evaluation credit for a module in line with their module grade, by the
 * quiz's own method over every graded attempt (module-grade.ts). Called wherever a grade can
 * change: an attempt sent or closed at its deadline, an essay graded, a regrade. Returns the net credit.
 */
export function reconcileQuizCredit(
  db: Executor,
  input: { userId: number; moduleSlug: string; actorId?: number | null; at?: Date; reason?: string },
): number {
  const attempts = db
    .select({
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
      programSlug: quizAttempts.programSlug,
      cohortId: quizAttempts.cohortId,
      definition: quizVersions.definition,
    })
    .from(quizAttempts)
    .innerJoin(quizVersions, eq(quizVersions.hash, quizAttempts.quizVersion))
    .where(and(eq(quizAttempts.userId, input.userId), eq(quizAttempts.moduleSlug, input.moduleSlug)))
    .orderBy(asc(quizAttempts.number))
    .all();
  const latest = attempts.at(-1);
  if (!latest) return 0;
  const rules = JSON.parse(latest.definition) as { grading: 'highest' | 'last' | 'average'; passingScore: number };
  const { passed } = moduleGrade(rules, attempts);
  const refMinutes =
    db
      .select({ minutes: hourBudgets.minutes })
      .from(hourBudgets)
      .where(
        and(
          eq(hourBudgets.programSlug, latest.programSlug),
          eq(hourBudgets.moduleSlug, input.moduleSlug),
          eq(hourBudgets.budget, 'evaluation'),
        ),
      )
      .get()?.minutes ?? 0;
  if (refMinutes <= 0) return 0;
  const enrollmentId = enrollmentForCredit(db, input.userId, latest.programSlug, latest.cohortId);
  if (enrollmentId === null) return 0;
  return setCredit(db, {
    userId: input.userId,
    programSlug: latest.programSlug,
    moduleSlug: input.moduleSlug,
    source: 'quiz',
    budget: 'evaluation',
    ref: input.moduleSlug,
    refMinutes,
    enrollmentId,
    recordedBy: input.actorId ?? null,
    at: input.at,
    targetMinutes: passed ? refMinutes : 0,
    // A regrade names itself on either side (quizzes/regrade.ts); otherwise only a reversal says why.
    reason: input.reason ?? (passed ? null : t('hours.reason.quizNoLongerPassed')),
  });
}
