import { isStaff } from '../cohorts/teaching.ts';
import { listCohorts, listCohortsTaughtBy } from '../cohorts/cohorts.ts';
import type { Db } from '../db.ts';
import { listCohortPracticeAttempts } from '../practice/attempt-access.ts';
import { RANKING_SLUG } from './risk-reference.ts';

export interface ReviewedRanking {
  id: number;
  learnerName: string;
  cohortName: string;
  submittedAt: Date | null;
  percent: number;
}

/**
 * The submitted rankings a staff member may read: an instructor's, of the learners they teach in
 * their cohorts (cohorts/teaching.ts); coordination's, everyone's. Newest first per cohort.
 */
export function listRankingsForReview(db: Db, actorId: number): ReviewedRanking[] {
  const cohorts = isStaff(db, actorId) ? listCohorts(db) : listCohortsTaughtBy(db, actorId);
  return cohorts.flatMap((cohort) =>
    listCohortPracticeAttempts(db, actorId, cohort.id, 'ranking')
      .filter((a) => a.exerciseSlug === RANKING_SLUG && a.status !== 'in_progress')
      .map((a) => ({
        id: a.id,
        learnerName: a.fullName,
        cohortName: cohort.name,
        submittedAt: a.submittedAt,
        percent: Math.round(((a.score ?? 0) / (a.maxScore || 1)) * 100),
      })),
  );
}
