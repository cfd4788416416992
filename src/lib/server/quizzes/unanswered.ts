import type { Question } from '../../content/quiz-schema.ts';
import type { AttemptRecord } from './attempts.ts';
import type { Response } from './grading.ts';

/**
 * Whether a saved answer says something for every part of its question: a choice made, every
 * matching row and every position filled, a number or some words written. A question answered in
 * part counts as unanswered, so the learner is told before sending it.
 */
export function isAnswered(question: Question, response: Response | null): boolean {
  if (!response || response.type !== question.type) return false;
  switch (response.type) {
    case 'single':
      return response.optionId !== null;
    case 'multiple':
      return response.optionIds.length > 0;
    case 'truefalse':
      return response.value !== null;
    case 'matching':
      return question.type === 'matching' && question.pairs.every((_pair, i) => Boolean(response.matches[String(i)]));
    case 'ordering':
      return question.type === 'ordering' && response.order.length === question.items.length;
    case 'numeric':
      return response.value !== null;
    case 'short':
    case 'essay':
      return response.text.trim() !== '';
  }
}

/**
 * The number each shown item of an attempt carries (1, 2, …), in order: descriptions, which take
 * no answer, get none and do not count, as in Moodle.
 */
export function questionNumbers(questions: readonly Pick<Question, 'type'>[]): (number | null)[] {
  let n = 0;
  return questions.map((q) => (q.type === 'description' ? null : ++n));
}

/** The numbers (as `questionNumbers` gives them) of the questions left without a full answer. */
export function listUnanswered(attempt: Pick<AttemptRecord, 'quiz' | 'layout' | 'responses'>): number[] {
  const questions = new Map(attempt.quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const shown = attempt.layout.questions.flatMap((slot) => {
    const question = questions.get(slot.id);
    return question ? [{ slot, question }] : [];
  });
  const numbers = questionNumbers(shown.map((s) => s.question));
  return shown.flatMap(({ slot, question }, i) => {
    const number = numbers[i];
    if (number === null || number === undefined) return [];
    return isAnswered(question, attempt.responses.get(slot.id)?.response ?? null) ? [] : [number];
  });
}
