import { practiceAttempts } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import type { KpiDataset } from './kpi-data.ts';
import { KPI_EXERCISE_SLUG, type KpiScore, kpiExerciseVersion, scoreKpiAnswers } from './kpi-exercise.ts';
import { requirePracticeSeat } from './learner-enrollment.ts';

/**
 * Submits a reading of the KPI dashboard: scored at once on the server and stored as a
 * submitted attempt (kind 'kpi'). Each submission is a new attempt, so a learner may try again.
 */
export function submitKpiAttempt(
  db: Executor,
  dataset: KpiDataset,
  input: { userId: number; answers: Record<string, string>; now?: Date },
): { id: number } & KpiScore {
  const enrollment = requirePracticeSeat(db, input.userId);
  const now = input.now ?? new Date();
  const result = scoreKpiAnswers(dataset, input.answers);
  const row = db
    .insert(practiceAttempts)
    .values({
      userId: input.userId,
      cohortId: enrollment.cohortId,
      enrollmentId: enrollment.enrollmentId,
      kind: 'kpi',
      exerciseSlug: KPI_EXERCISE_SLUG,
      exerciseVersion: kpiExerciseVersion(dataset),
      state: JSON.stringify({ answers: input.answers }),
      status: 'submitted',
      score: result.score,
      maxScore: result.maxScore,
      feedback: JSON.stringify(result.feedback),
      startedAt: now,
      updatedAt: now,
      submittedAt: now,
    })
    .returning({ id: practiceAttempts.id })
    .get();
  return { id: row.id, ...result };
}
