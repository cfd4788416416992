import { and, desc, eq } from 'drizzle-orm';
import { type PracticeKind, practiceAttempts, users } from '../../../../db/schema/index.ts';
import { isStaff, mayTeach, taughtBy } from '../cohorts/teaching.ts';
import type { Executor } from '../db.ts';

/**
 * Who sees a practice attempt (issue 15): its learner; an instructor while the learner is
 * actively enrolled in the attempt's cohort and the instructor teaches it (cohorts/teaching.ts,
 * so a withdrawal ends it); coordination and administration always.
 */

export interface PracticeAttemptRow {
  id: number;
  userId: number;
  cohortId: number | null;
  /** Null for a staff preview (practice/learner-enrollment.ts). */
  enrollmentId: number | null;
  kind: PracticeKind;
  exerciseSlug: string;
  status: 'in_progress' | 'submitted' | 'reviewed';
  state: string;
  score: number | null;
  maxScore: number | null;
  feedback: string | null;
  startedAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  reviewedBy: number | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

const COLUMNS = {
  id: practiceAttempts.id,
  userId: practiceAttempts.userId,
  cohortId: practiceAttempts.cohortId,
  enrollmentId: practiceAttempts.enrollmentId,
  kind: practiceAttempts.kind,
  exerciseSlug: practiceAttempts.exerciseSlug,
  status: practiceAttempts.status,
  state: practiceAttempts.state,
  score: practiceAttempts.score,
  maxScore: practiceAttempts.maxScore,
  feedback: practiceAttempts.feedback,
  startedAt: practiceAttempts.startedAt,
  updatedAt: practiceAttempts.updatedAt,
  submittedAt: practiceAttempts.submittedAt,
  reviewedBy: practiceAttempts.reviewedBy,
  reviewedAt: practiceAttempts.reviewedAt,
  reviewComment: practiceAttempts.reviewComment,
};

/** Whether this person may see the attempt. */
export function mayViewPracticeAttempt(db: Executor, viewerId: number, attempt: Pick<PracticeAttemptRow, 'userId' | 'cohortId'>): boolean {
  return attempt.userId === viewerId || mayTeach(db, viewerId, attempt.userId, { cohortId: attempt.cohortId });
}

/** The attempt if this person may see it; null when it does not exist or is someone else's they may not see. */
export function getVisiblePracticeAttempt(
  db: Executor,
  viewerId: number,
  attemptId: number,
  kind: PracticeKind,
): PracticeAttemptRow | null {
  const attempt = db
    .select(COLUMNS)
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.id, attemptId), eq(practiceAttempts.kind, kind)))
    .get();
  return attempt && mayViewPracticeAttempt(db, viewerId, attempt) ? attempt : null;
}

/** The learner's own attempts of one kind, newest first. */
export function listOwnPracticeAttempts(db: Executor, userId: number, kind: PracticeKind): PracticeAttemptRow[] {
  return db
    .select(COLUMNS)
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.userId, userId), eq(practiceAttempts.kind, kind)))
    .orderBy(desc(practiceAttempts.startedAt), desc(practiceAttempts.id))
    .all();
}

/**
 * A cohort's attempts of one kind, with the learner's name, for the instructor's view. An
 * instructor gets only learners they teach in that cohort; coordination gets every attempt.
 */
export function listCohortPracticeAttempts(
  db: Executor,
  actorId: number,
  cohortId: number,
  kind: PracticeKind,
): (PracticeAttemptRow & { fullName: string })[] {
  const staff = isStaff(db, actorId);
  return db
    .select({ ...COLUMNS, fullName: users.fullName })
    .from(practiceAttempts)
    .innerJoin(users, eq(users.id, practiceAttempts.userId))
    .where(
      and(
        eq(practiceAttempts.cohortId, cohortId),
        eq(practiceAttempts.kind, kind),
        staff ? undefined : taughtBy(db, actorId, practiceAttempts.userId, practiceAttempts.cohortId),
      ),
    )
    .orderBy(desc(practiceAttempts.updatedAt), desc(practiceAttempts.id))
    .all();
}
