import { type NumericAnswer, optionWorth, type Question, type ShortAnswer } from '../../content/quiz-schema.ts';
import { foldForSearch } from '../../text.ts';

/**
 * Automatic grading of every question type, as plain functions over a question and a response.
 * Scores are points (up to the question's points). Only a single-choice option with a negative
 * fraction (Moodle's negative marking) scores below zero; the attempt's total never does.
 * Descriptions are not graded: callers skip them.
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
  /** Share of the question's points, -1..1 (below 0 only for a negatively marked option); null when pending. */
  fraction: number | null;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The right-hand choices of a matching question: the pairs' answers, then the distractors. */
export function matchingChoices(question: Extract<Question, { type: 'matching' }>): { id: string; text: string }[] {
  return [...question.pairs.map((p) => p.right), ...question.distractors].map((text, i) => ({ id: `r${i}`, text }));
}

/** Short answers match without case, accents, surrounding or repeated spaces, or final punctuation. */
export function normalizeShortAnswer(text: string, caseSensitive = false): string {
  const folded = caseSensitive
    ? text
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .trim()
    : foldForSearch(text);
  return folded
    .replace(/\s+/g, ' ')
    .replace(/[.,;:!?¡¿"'«»]+$/g, '')
    .replace(/^[¡¿"'«»]+/g, '')
    .trim();
}

/**
 * Whether a learner's text matches an accepted answer, compared as `normalizeShortAnswer` folds
 * both. A `*` in the accepted answer stands for any run of characters (Moodle's wildcard); `\*`
 * is a literal star.
 */
export function shortAnswerMatches(accepted: string, given: string, caseSensitive = false): boolean {
  const g = normalizeShortAnswer(given, caseSensitive);
  if (g === '') return false;
  const a = normalizeShortAnswer(accepted, caseSensitive);
  if (!a.includes('*')) return a === g;
  const pattern = a
    .split(/(\\\*|\*)/)
    .map((part) => (part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 'su').test(g);
}

/** The accepted short answer the learner's text earns most with; null when none matches. */
export function matchShortAnswer(question: Extract<Question, { type: 'short' }>, given: string): ShortAnswer | null {
  return best(question.answers.filter((a) => shortAnswerMatches(a.text, given, question.caseSensitive)));
}

/** The accepted numeric answer (value ± tolerance, or interval) the value earns most with; null when none. */
export function matchNumericAnswer(question: Extract<Question, { type: 'numeric' }>, value: number | null): NumericAnswer | null {
  if (value === null || !Number.isFinite(value)) return null;
  // A small epsilon so 0.1 + 0.2 style float noise never fails a right answer.
  const fits = (a: NumericAnswer) =>
    'min' in a ? value >= a.min - 1e-9 && value <= a.max + 1e-9 : Math.abs(value - a.value) <= a.tolerance + 1e-9;
  return best(question.answers.filter(fits));
}

/** Of the matching answers, the one worth most (the first of equals, as Moodle picks). */
function best<T extends { fraction: number }>(answers: T[]): T | null {
  return answers.reduce<T | null>((top, a) => (top === null || a.fraction > top.fraction ? a : top), null);
}

function fractionFor(question: Question, response: Response | null): number | null {
  if (question.type === 'essay' || question.type === 'description') return null;
  if (!response || response.type !== question.type) return 0;
  switch (question.type) {
    case 'single': {
      const r = response as Extract<Response, { type: 'single' }>;
      const option = question.options.find((o) => o.id === r.optionId);
      return option ? optionWorth(question, option) : 0;
    }
    case 'multiple': {
      const chosen = new Set((response as Extract<Response, { type: 'multiple' }>).optionIds);
      if (question.grading === 'weighted') {
        const sum = question.options.filter((o) => chosen.has(o.id)).reduce((s, o) => s + optionWorth(question, o), 0);
        return Math.min(1, Math.max(0, sum));
      }
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
    case 'numeric':
      return matchNumericAnswer(question, (response as Extract<Response, { type: 'numeric' }>).value)?.fraction ?? 0;
    case 'short':
      return matchShortAnswer(question, (response as Extract<Response, { type: 'short' }>).text)?.fraction ?? 0;
  }
}

/** Grades one answer; null score and fraction for an essay (an instructor grades it) or a description. */
export function gradeResponse(question: Question, response: Response | null): Grade {
  const fraction = fractionFor(question, response);
  if (fraction === null) return { score: null, fraction: null };
  return { score: round(fraction * question.points), fraction: round(fraction) };
}

/** An attempt's total from its questions' scores: never below zero, whatever negative marks add up to. */
export function attemptTotal(scores: readonly number[]): number {
  return Math.max(0, round(scores.reduce((sum, s) => sum + s, 0)));
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
