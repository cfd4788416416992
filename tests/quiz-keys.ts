import type { Question } from '../src/lib/content/quiz-schema.ts';

/** A value a numeric question gives full marks for: its first 100 % answer (the middle of an interval). */
export function keyValue(question: Extract<Question, { type: 'numeric' }>): number {
  const key = question.answers.find((a) => a.fraction === 1);
  if (!key) throw new Error(`numeric question ${question.id} has no answer worth 100 %`);
  return 'value' in key ? key.value : (key.min + key.max) / 2;
}
