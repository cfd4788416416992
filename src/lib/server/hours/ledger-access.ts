import { and, eq } from 'drizzle-orm';
import { enrollments } from '../../../../db/schema/index.ts';
import { assertMayActOn } from '../accounts/may-act-on.ts';
import { isLearnerTaughtBy, isStaff } from '../cohorts/teaching.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';

/**
 * Who may read and write a person's hours (issue #13; decisions 008, 010 and 015). Read: the
 * person, coordination and administration, and an instructor while the person is actively
 * enrolled in a cohort they teach (the cohort in the address, when a page names one). Write:
 * field practice by that instructor or by coordination; manual adjustments and reversals by
 * coordination only. Coordination acts only on accounts whose roles it could grant (decision 008).
 * Roles are read from the database, inside the caller's transaction when there is one.
 */

/** Whether `viewerId` may read `learnerId`'s ledger, through `cohortId` when an instructor's page names one. */
export function mayReadLedger(db: Executor, viewerId: number, learnerId: number, cohortId?: number): boolean {
  if (viewerId === learnerId) return true;
  if (isStaff(db, viewerId)) return true;
  return cohortId !== undefined && isLearnerTaughtBy(db, learnerId, viewerId, { cohortId });
}

export function requireLedgerReader(db: Executor, viewerId: number, learnerId: number, cohortId?: number): void {
  if (!mayReadLedger(db, viewerId, learnerId, cohortId)) throw new DomainError('error.forbidden', {}, 'forbidden');
}

/** Adjustments and reversals: coordination or administration, on an account they could act on. */
export function requireHoursCorrector(db: Executor, actorId: number, learnerId: number): void {
  if (!isStaff(db, actorId)) throw new DomainError('hours.correct.forbidden', {}, 'forbidden');
  assertMayActOn(db, actorId, learnerId);
}

/**
 * Field practice: the instructor of the cohort while the learner is actively enrolled in it, or
 * coordination on an account they could act on. The learner must be actively enrolled in that cohort.
 */
export function requirePracticeRecorder(db: Executor, actorId: number, learnerId: number, cohortId: number): void {
  if (!isStaff(db, actorId)) {
    // Teaching rights already require the learner's active enrollment in this cohort.
    if (!isLearnerTaughtBy(db, learnerId, actorId, { cohortId })) throw new DomainError('error.forbidden', {}, 'forbidden');
    return;
  }
  assertMayActOn(db, actorId, learnerId);
  const active = db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.userId, learnerId), eq(enrollments.cohortId, cohortId), eq(enrollments.status, 'active')))
    .get();
  if (!active) throw new DomainError('hours.practice.notEnrolled', {}, 'conflict');
}
