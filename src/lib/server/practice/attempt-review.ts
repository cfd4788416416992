import { and, eq } from 'drizzle-orm';
import type { MessageKey } from '../../../i18n/index.ts';
import { type PracticeKind, practiceAttempts } from '../../../../db/schema/index.ts';
import { mayTeach, requireTeacherOf } from '../cohorts/teaching.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { REVIEW_COMMENT_MIN } from '../../validation/practice-review.ts';

/**
 * A staff comment on a submitted practice attempt (issue 15): an instructor who teaches the
 * learner in the attempt's cohort, coordination or administration (cohorts/teaching.ts, so the
 * instructor's right ends when the learner leaves the cohort). The attempt becomes reviewed and
 * its learner reads the comment beside the feedback. Commenting again replaces the comment: it is
 * advice, not a grade, and the score never changes. Nobody reviews their own attempt (a staff
 * member's preview included).
 */
export function reviewPracticeAttempt(
  db: Executor,
  input: { reviewerId: number; attemptId: number; kind: PracticeKind; comment: string; now?: Date },
  messages: { notFound: MessageKey; notSubmitted: MessageKey } = {
    notFound: 'practice.review.notFound',
    notSubmitted: 'practice.review.notSubmitted',
  },
): void {
  const attempt = db
    .select({
      id: practiceAttempts.id,
      userId: practiceAttempts.userId,
      cohortId: practiceAttempts.cohortId,
      status: practiceAttempts.status,
    })
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.id, input.attemptId), eq(practiceAttempts.kind, input.kind)))
    .get();
  if (!attempt) throw new DomainError(messages.notFound, {}, 'not-found');
  if (attempt.userId === input.reviewerId) throw new DomainError('error.forbidden', {}, 'forbidden');
  requireTeacherOf(db, input.reviewerId, attempt.userId, { cohortId: attempt.cohortId });
  if (attempt.status === 'in_progress') throw new DomainError(messages.notSubmitted, {}, 'conflict');
  const comment = input.comment.trim();
  if (comment.length < REVIEW_COMMENT_MIN) throw new DomainError('practice.review.commentShort', { min: REVIEW_COMMENT_MIN }, 'invalid');
  const now = input.now ?? new Date();
  db.update(practiceAttempts)
    .set({ status: 'reviewed', reviewedBy: input.reviewerId, reviewedAt: now, reviewComment: comment, updatedAt: now })
    .where(eq(practiceAttempts.id, attempt.id))
    .run();
}

/** Whether this person may comment on the attempt: not their own, and they teach its learner there (or coordinate). */
export function mayReviewPracticeAttempt(
  db: Executor,
  reviewerId: number,
  attempt: { userId: number; cohortId: number | null; status: string },
): boolean {
  if (attempt.userId === reviewerId || attempt.status === 'in_progress') return false;
  return mayTeach(db, reviewerId, attempt.userId, { cohortId: attempt.cohortId });
}
