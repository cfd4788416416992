import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Question } from '../../content/quiz-schema.ts';
import { requireTeacherOf } from '../cohorts/teaching.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { getAttempt } from './attempts.ts';

export interface EssayToGrade {
  attemptId: number;
  learnerName: string;
  question: Extract<Question, { type: 'essay' }>;
  answer: string;
  /** What was graded before, if anything: the level per criterion and the comment. */
  levels: number[] | null;
  comment: string | null;
}

/**
 * A submitted essay with its rubric, for the grading page. Only someone who may grade the
 * attempt sees it (cohorts/teaching.ts: the learner is actively enrolled in the attempt's cohort
 * and the viewer teaches it, or the viewer is coordination); anyone else gets a forbidden error.
 */
export function requireEssayToGrade(db: Executor, viewerId: number, attemptId: number, questionId: string): EssayToGrade {
  const attempt = getAttempt(db, attemptId);
  if (!attempt?.submittedAt) throw new DomainError('quiz.notFound', {}, 'not-found');
  requireTeacherOf(db, viewerId, attempt.userId, { cohortId: attempt.cohortId });
  const question = attempt.quiz.pools.flatMap((p) => p.questions).find((q) => q.id === questionId);
  if (question?.type !== 'essay') throw new DomainError('quiz.notFound', {}, 'not-found');
  const learner = db.select({ fullName: users.fullName }).from(users).where(eq(users.id, attempt.userId)).get();
  const saved = attempt.responses.get(question.id);
  return {
    attemptId: attempt.id,
    learnerName: learner?.fullName ?? '',
    question,
    answer: saved?.response?.type === 'essay' ? saved.response.text : '',
    levels: saved?.rubricLevels ?? null,
    comment: saved?.comment ?? null,
  };
}
