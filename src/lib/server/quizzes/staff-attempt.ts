import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import { requireTeacherOf } from '../cohorts/teaching.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { type AttemptRecord, getAttempt } from './attempts.ts';

/**
 * An attempt as the gradebook opens it for staff: only an attempt of this cohort, and only for
 * someone who may teach its learner in it (coordination, or an instructor of the cohort while the
 * learner is actively enrolled: cohorts/teaching.ts). Throws not-found or forbidden.
 */
export function requireAttemptForStaff(
  db: Db,
  input: { actorId: number; cohortId: number; attemptId: number },
): { attempt: AttemptRecord; learnerName: string } {
  const found = Number.isInteger(input.attemptId) ? getAttempt(db, input.attemptId) : null;
  if (!found || found.cohortId !== input.cohortId) throw new DomainError('gradebook.attempt.notFound', {}, 'not-found');
  requireTeacherOf(db, input.actorId, found.userId, { cohortId: input.cohortId });
  const attempt = found;
  const learner = db.select({ fullName: users.fullName }).from(users).where(eq(users.id, attempt.userId)).get();
  return { attempt, learnerName: learner?.fullName ?? '' };
}
