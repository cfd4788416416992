import type { Db } from '../db.ts';
import { getAttempt, type QuizRef, saveResponses, submitAttempt } from './attempts.ts';
import type { PublicResponse } from './public-view.ts';
import { listUnanswered } from './unanswered.ts';

/**
 * "Enviar para calificar" from the attempt's form: what is on screen is saved first, so the last
 * answers count. With questions left unanswered the attempt is only saved and they are listed, so
 * the learner can go back or confirm; once confirmed, or with nothing left, it is graded.
 */
export function submitAfterCheck(
  db: Db,
  input: { attemptId: number; userId: QuizRef['userId']; answers: Record<string, PublicResponse>; confirmed: boolean; now?: Date },
): SubmitOutcome {
  saveResponses(db, input);
  if (!input.confirmed) {
    const attempt = getAttempt(db, input.attemptId);
    const unanswered = attempt ? listUnanswered(attempt) : [];
    if (unanswered.length > 0) return { kind: 'unanswered', attemptId: input.attemptId, unanswered };
  }
  return { kind: 'submitted', attemptId: input.attemptId, ...submitAttempt(db, input) };
}

export type SubmitOutcome =
  | { kind: 'submitted'; attemptId: number; score: number | null; maxScore: number }
  /** Nothing graded yet: the numbers of the questions still without a full answer. */
  | { kind: 'unanswered'; attemptId: number; unanswered: number[] };
