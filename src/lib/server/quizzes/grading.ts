import type { Question } from '../../content/quiz-schema.ts';
import { foldForSearch } from '../../text.ts';

/**
 * Automatic grading of every question type, as plain functions over a question and a response.
 * Scores are points (0 to the question's points); partial credit never goes below zero.
 */

export type Response =
  | { type: 'single'; optionId: string | null }
  | { type: 'multiple'; optionIds: string[] }
  | { type: 'truefalse'; value: boolean | null }
  /** For each left item (by index in `pairs`), the chosen right answer's id ("r0", "r1"…). */
  | { type: 'matching'; matches: Record<string, string | null> }
  /** The learner's order, as indices into the question's `items` (which are in the correct order). */
  | { type: 'ordering'; order: number[] }
  | { type: 'numeric'; value: number | null }
  | { type: 'short'; text: string }
  | { type: 'essay'; text: string };

export interface Grade {
  /** Points earned, rounded to 4 decimals; null when an instructor must grade it (essays). */
  score: number | null;
  /** Share of the question's points, 0..1; null when pending. */
  fraction: number | null;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The right-hand choices of a matching question: the pairs' answers, then the distractors. */
export function matchingChoices(question: Extract<Question, { type: 'matching' }>): { id: string; text: string }[] {
  return [...question.pairs.map((p) => p.right), ...question.distractors].map((text, i) => ({ id: `r${i}`, text }));
}

/** Short answers match without case, accents, surrounding or repeated spaces, or final punctuation. */
export function normalizeShortAnswer(text: string): string {
  return foldForSearch(text)
    .replace(/\s+/g, ' ')
    .replace(/[.,;:!?¡¿"'«»]+$/g, '')
    .replace(/^[¡¿"'«»]+/g, '')
    .trim();
}

function fractionFor(question: Question, response: Response | null): number | null {
  if (question.type === 'essay') return null;
  if (!response || response.type !== question.type) return 0;
  switch (question.type) {
    case 'single': {
      const r = response as Extract<Response, { type: 'single' }>;
      return question.options.find((o) => o.id === r.optionId)?.correct ? 1 : 0;
    }
    case 'multiple': {
      const chosen = new Set((response as Extract<Response, { type: 'multiple' }>).optionIds);
      const correct = question.options.filter((o) => o.correct);
      const wrong = question.options.filter((o) => !o.correct);
      const hits = correct.filter((o) => chosen.has(o.id)).length / correct.length;
      const misses = wrong.filter((o) => chosen.has(o.id)).length / wrong.length;
      return Math.max(0, hits - misses);
    }
    case 'truefalse':
      return (response as Extract<Response, { type: 'truefalse' }>).value === question.answer ? 1 : 0;
    case 'matching': {
      const { matches } = response as Extract<Response, { type: 'matching' }>;
      const right = question.pairs.filter((_pair, i) => matches[String(i)] === `r${i}`).length;
      return right / question.pairs.length;
    }
    case 'ordering': {
      const { order } = response as Extract<Response, { type: 'ordering' }>;
      if (order.length !== question.items.length) return 0;
      return order.filter((itemIndex, position) => itemIndex === position).length / question.items.length;
    }
    case 'numeric': {
      const { value } = response as Extract<Response, { type: 'numeric' }>;
      if (value === null || !Number.isFinite(value)) return 0;
      // A small epsilon so 0.1 + 0.2 style float noise never fails a right answer.
      return Math.abs(value - question.answer) <= question.tolerance + 1e-9 ? 1 : 0;
    }
    case 'short': {
      const given = normalizeShortAnswer((response as Extract<Response, { type: 'short' }>).text);
      return given !== '' && question.answers.some((a) => normalizeShortAnswer(a) === given) ? 1 : 0;
    }
  }
}

export function gradeResponse(question: Question, response: Response | null): Grade {
  const fraction = fractionFor(question, response);
  if (fraction === null) return { score: null, fraction: null };
  return { score: round(fraction * question.points), fraction: round(fraction) };
}

/** An essay's points from the level chosen for each rubric criterion. */
export function gradeEssay(question: Extract<Question, { type: 'essay' }>, levels: number[]): Grade {
  if (levels.length !== question.rubric.length) throw new Error(`expected ${question.rubric.length} rubric levels, got ${levels.length}`);
  const max = question.rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
  const earned = question.rubric.reduce((sum, c, i) => {
    const level = c.levels[levels[i] as number];
    if (!level) throw new Error(`rubric criterion ${i} has no level ${levels[i]}`);
    return sum + level.points;
  }, 0);
  const fraction = max > 0 ? earned / max : 0;
  return { score: round(fraction * question.points), fraction: round(fraction) };
}
