import type { Question, Quiz } from '../../content/quiz-schema.ts';
import { canonicalJson } from './draw.ts';
import { attemptTotal, gradeResponse, type Response } from './grading.ts';
import { moduleGrade } from './module-grade.ts';

/**
 * What a regrade would do, as pure functions over stored grades and quiz definitions
 * (docs/decisions/007). A response is compared with the definition it was last graded with (its
 * `regraded_version`, else its attempt's version); when the current definition of that question
 * differs, the response is graded again with `gradeResponse`, the one grading of Aula.
 */

/** Why a changed question is left alone: an instructor grades essays, descriptions have no grade, and a new type is a new question. */
export type NotRegradable = 'essay' | 'ungraded' | 'type-changed' | 'removed';

/** Whether the current definition of a question can replace the one a response was graded with. */
export function regradability(before: Question, current: Question | undefined): NotRegradable | null {
  if (!current) return 'removed';
  if (before.type === 'essay' || current.type === 'essay') return 'essay';
  // What gradeResponse leaves ungraded (descriptions, whatever else may come) is not regraded either.
  if (gradeResponse(before, null).score === null || gradeResponse(current, null).score === null) return 'ungraded';
  if (before.type !== current.type) return 'type-changed';
  return null;
}

/** Two definitions of one question differ in anything at all (key, points, options, feedback, text). */
export function questionChanged(before: Question, current: Question): boolean {
  // Through JSON first: a key set to undefined and a key left out are the same definition.
  const canonical = (q: Question) => canonicalJson(JSON.parse(JSON.stringify(q)));
  return canonical(before) !== canonical(current);
}

export interface StoredResponse {
  questionId: string;
  response: Response | null;
  score: number | null;
  /** The version the response was last graded with. */
  gradedWith: string;
}

export interface QuestionRegrade {
  questionId: string;
  /** The version it had been graded with. */
  fromVersion: string;
  pointsBefore: number;
  pointsAfter: number;
  scoreBefore: number | null;
  scoreAfter: number | null;
  fractionAfter: number | null;
}

export interface AttemptPlan {
  /** Every changed, regradable question of the attempt, whether its points move or not. */
  questions: QuestionRegrade[];
  scoreBefore: number | null;
  scoreAfter: number | null;
  maxScoreBefore: number;
  maxScoreAfter: number;
}

/**
 * The regrade of one submitted attempt against the current quiz: each of its responses whose
 * question changed since it was graded, graded again. The attempt's total stays pending (null)
 * while an essay waits for an instructor, and never goes below zero, as when it was closed.
 * @param definitions quiz versions by hash, each as a map of question id → question
 */
export function planAttemptRegrade(
  attempt: { score: number | null; maxScore: number },
  responses: readonly StoredResponse[],
  definitions: ReadonlyMap<string, ReadonlyMap<string, Question>>,
  current: ReadonlyMap<string, Question>,
  currentVersion: string,
): AttemptPlan {
  const questions: QuestionRegrade[] = [];
  for (const r of responses) {
    if (r.gradedWith === currentVersion) continue;
    const before = definitions.get(r.gradedWith)?.get(r.questionId);
    const now = current.get(r.questionId);
    if (!before || !now || regradability(before, now) !== null || !questionChanged(before, now)) continue;
    const grade = gradeResponse(now, r.response);
    questions.push({
      questionId: r.questionId,
      fromVersion: r.gradedWith,
      pointsBefore: before.points,
      pointsAfter: now.points,
      scoreBefore: r.score,
      scoreAfter: grade.score,
      fractionAfter: grade.fraction,
    });
  }
  const changed = new Map(questions.map((q) => [q.questionId, q]));
  const maxScoreAfter = round(attempt.maxScore + questions.reduce((sum, q) => sum + q.pointsAfter - q.pointsBefore, 0));
  // Nothing changed: the stored total stands (an attempt written without responses keeps its score).
  // Otherwise the total as closing the attempt computes it (grading.ts attemptTotal).
  const scoreAfter =
    attempt.score === null || questions.length === 0
      ? attempt.score
      : attemptTotal(responses.map((r) => (changed.has(r.questionId) ? changed.get(r.questionId)?.scoreAfter : r.score) ?? 0));
  return { questions, scoreBefore: attempt.score, scoreAfter, maxScoreBefore: attempt.maxScore, maxScoreAfter };
}

/** Whether a plan changes anything the learner sees: a question's points or the attempt's. */
export function planChangesGrades(plan: AttemptPlan): boolean {
  return (
    plan.scoreBefore !== plan.scoreAfter ||
    plan.maxScoreBefore !== plan.maxScoreAfter ||
    plan.questions.some((q) => q.scoreBefore !== q.scoreAfter)
  );
}

/** Whether one attempt passes by itself, against its quiz's passing score; null while pending. */
export function attemptPasses(rules: Pick<Quiz, 'grading' | 'passingScore'>, score: number | null, maxScore: number): boolean | null {
  return score === null ? null : moduleGrade(rules, [{ score, maxScore }]).passed;
}

/** Questions by id, over every pool of a quiz. */
export function questionsById(quiz: Quiz): Map<string, Question> {
  return new Map(quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
