import { and, eq, isNotNull } from 'drizzle-orm';
import { lessonProgress, quizAttempts, seedRuns } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { creditLessonCompletion, reconcileQuizCredit } from './credits.ts';
import type { HoursPlan } from './plan.ts';

const MARKER = 'hours-ledger-backfill';

/**
 * Credits, once per database, the work done before the ledger existed: every completed lesson
 * and every passed module quiz, so no learner's past work is lost (issue 13). Recorded by its
 * own marker in `seed_runs`, in the same transaction as the credits. Credits are idempotent,
 * so even a second run would add nothing. Returns how many entries it wrote (0 when already run).
 */
export function backfillLedger(db: Db, plan: HoursPlan, now = new Date()): number {
  return db.transaction(
    (tx) => {
      if (tx.select({ name: seedRuns.name }).from(seedRuns).where(eq(seedRuns.name, MARKER)).get()) return 0;
      tx.insert(seedRuns).values({ name: MARKER, ranAt: now }).run();
      const lessonMinutes = new Map(plan.modules.flatMap((m) => m.lessons.map((l) => [l.id, l.minutes] as const)));
      let written = 0;
      const completed = tx
        .select({
          userId: lessonProgress.userId,
          programSlug: lessonProgress.programSlug,
          moduleSlug: lessonProgress.moduleSlug,
          lessonId: lessonProgress.lessonId,
          completedAt: lessonProgress.completedAt,
        })
        .from(lessonProgress)
        .where(and(isNotNull(lessonProgress.completedAt), eq(lessonProgress.programSlug, plan.programSlug)))
        .all();
      for (const row of completed) {
        const minutes = lessonMinutes.get(row.lessonId);
        if (!minutes) continue;
        if (creditLessonCompletion(tx, { ...row, minutes, at: row.completedAt ?? now }) > 0) written++;
      }
      const graded = tx
        .selectDistinct({ userId: quizAttempts.userId, moduleSlug: quizAttempts.moduleSlug })
        .from(quizAttempts)
        .where(and(isNotNull(quizAttempts.score), eq(quizAttempts.programSlug, plan.programSlug)))
        .all();
      for (const row of graded) if (reconcileQuizCredit(tx, { ...row, at: now }) > 0) written++;
      return written;
    },
    { behavior: 'immediate' },
  );
}
