import { getAllQuizzes, getCatalog } from '../course/catalog.ts';
import type { Db } from '../db.ts';
import { backfillLedger } from './backfill.ts';
import { type HoursPlan, hoursPlanFrom, syncHourBudgets } from './plan.ts';

let plan: Promise<HoursPlan> | undefined;

/** The program's hours plan from the built catalog (content is fixed per build). */
export function getHoursPlan(): Promise<HoursPlan> {
  if (import.meta.env.DEV || !plan) {
    plan = Promise.all([getCatalog(), getAllQuizzes()]).then(([catalog, quizzes]) =>
      hoursPlanFrom(
        catalog.program,
        catalog.modules,
        new Map(quizzes.map((q) => [q.moduleSlug, { grading: q.quiz.grading, passingScore: q.quiz.passingScore }])),
      ),
    );
  }
  return plan;
}

let ready: Promise<void> | undefined;

/**
 * Before the first request is served: the budgets in `hour_budgets` follow this build's content,
 * and work done before the ledger existed is credited (once per database).
 */
export function prepareHoursLedger(db: Db): Promise<void> {
  ready ??= getHoursPlan().then((p) => {
    syncHourBudgets(db, p);
    backfillLedger(db, p);
  });
  return ready;
}
