import { t } from '../../../i18n/index.ts';
import { optionWorth, type Question, type Quiz } from '../../content/quiz-schema.ts';
import { formatNumber } from '../../format.ts';
import type { AttemptRecord } from './attempts.ts';
import type { QuizStanding } from './attempts.ts';
import type { Response } from './grading.ts';
import { moduleGrade } from './module-grade.ts';
import { questionPlainText } from './question-text.ts';
import { itemOrder, optionOrder, type Slot } from './public-view.ts';

export interface ReviewPermissions {
  score: boolean;
  answers: boolean;
  feedback: boolean;
}

/**
 * What a learner may see of a closed attempt under the quiz's review policy. "after-close" means
 * once the quiz has closed for the cohort or the learner can take no more attempts, so answers
 * never help a later attempt.
 */
export function reviewPermissions(
  quiz: Quiz,
  attempt: Pick<AttemptRecord, 'submittedAt'>,
  standing: Pick<QuizStanding, 'attemptsUsed' | 'attemptsAllowed'>,
  closesAt: Date | null = null,
  now = new Date(),
): ReviewPermissions {
  const closedForLearner = standing.attemptsUsed >= standing.attemptsAllowed || (closesAt !== null && now >= closesAt);
  const allowed = (when: 'after-submit' | 'after-close' | 'never') =>
    Boolean(attempt.submittedAt) && (when === 'after-submit' || (when === 'after-close' && closedForLearner));
  return { score: allowed(quiz.review.score), answers: allowed(quiz.review.answers), feedback: allowed(quiz.review.feedback) };
}

/**
 * The right answer, in words, for the review page (only shown when the policy allows): one part per
 * correct option, pair, item or accepted answer, each as the author wrote it; null for a
 * description, which has none. Parts are shown as a
 * list, never joined, since an option that ends in a period would read "…supervisores.; Exigir…".
 */
export function describeKey(question: Question): AnswerKey | null {
  // The key is a list of short texts: Markdown or HTML options are shown as their text.
  const plain = (text: string) => questionPlainText(text, question.format);
  switch (question.type) {
    case 'description':
      return null;
    case 'single':
      // The options worth full marks; any one of them is right (Moodle allows several at 100 %).
      return anyOf(question.options.filter((o) => optionWorth(question, o) >= 1).map((o) => plain(o.text)));
    case 'multiple':
      return { kind: 'all', parts: question.options.filter((o) => optionWorth(question, o) > 0).map((o) => plain(o.text)) };
    case 'truefalse':
      return { kind: 'all', parts: [question.answer ? t('quiz.true') : t('quiz.false')] };
    case 'matching':
      return { kind: 'pairs', parts: question.pairs.map((p) => `${plain(p.left)} → ${plain(p.right)}`) };
    case 'ordering':
      return { kind: 'order', parts: question.items.map(plain) };
    case 'numeric': {
      const unit = question.unit ? ` ${question.unit}` : '';
      return anyOf(
        question.answers
          .filter((a) => a.fraction >= 1)
          .map((a) =>
            'min' in a
              ? t('quiz.numericRange', { min: `${formatNumber(a.min)}${unit}`, max: `${formatNumber(a.max)}${unit}` })
              : `${formatNumber(a.value)}${unit}${a.tolerance ? ` (± ${formatNumber(a.tolerance)})` : ''}`,
          ),
      );
    }
    case 'short':
      return { kind: 'any', parts: question.answers.filter((a) => a.fraction >= 1).map((a) => plain(a.text)) };
    case 'essay':
      return {
        kind: 'all',
        parts: question.rubric.map(
          (c) => `${c.criterion}: ${c.levels.map((l) => `${formatNumber(l.points)} = ${l.description}`).join(' · ')}`,
        ),
      };
  }
}

/** Several answers any of which is right; a single one reads as "the" right answer. */
function anyOf(parts: string[]): AnswerKey {
  return { kind: parts.length > 1 ? 'any' : 'all', parts };
}

/** A graded attempt as a share of its points and against the quiz's passing score; null while pending. */
export function attemptResult(
  quiz: Pick<Quiz, 'grading' | 'passingScore'>,
  attempt: { score: number | null; maxScore: number },
): { percent: number; passed: boolean } | null {
  if (attempt.score === null) return null;
  const { grade, passed } = moduleGrade(quiz, [attempt]);
  return { percent: Math.round((grade ?? 0) * 1000) / 10, passed };
}

/**
 * How the review marks one question of a closed attempt, in the attempt's public ids: the whole
 * question right, partly right or wrong when the policy shows the score; each option (which are
 * the key, which the learner chose) and each matching or ordering row when it shows the answers.
 * Built only for a submitted attempt, so no key reaches the page before grading.
 */
export function reviewMarks(
  question: Question,
  slot: Slot,
  saved: { response: Response | null; fraction: number | null } | undefined,
  permissions: Pick<ReviewPermissions, 'score' | 'answers'>,
): ReviewMarks {
  const fraction = saved?.fraction ?? null;
  const verdict = !permissions.score || fraction === null ? null : fraction >= 1 - 1e-9 ? 'right' : fraction <= 0 ? 'wrong' : 'partial';
  const options: Record<string, OptionMark> = {};
  const rows: Record<string, boolean> = {};
  const response = saved?.response ?? null;
  if (!permissions.answers) return { verdict, options, rows };
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const chosen = new Set<string | null>(
        response?.type === 'single' ? [response.optionId] : response?.type === 'multiple' ? response.optionIds : [],
      );
      // Part of the key: in single choice the options worth full marks, in multiple those worth something.
      const key = new Map(
        question.options.map((o) => [o.id, question.type === 'single' ? optionWorth(question, o) >= 1 : optionWorth(question, o) > 0]),
      );
      optionOrder(question, slot).forEach((id, i) => {
        options[`o${i}`] = { key: key.get(id) ?? false, chosen: chosen.has(id) };
      });
      break;
    }
    case 'truefalse': {
      const value = response?.type === 'truefalse' ? response.value : null;
      options.true = { key: question.answer, chosen: value === true };
      options.false = { key: !question.answer, chosen: value === false };
      break;
    }
    case 'matching': {
      const matches = response?.type === 'matching' ? response.matches : {};
      question.pairs.forEach((_pair, i) => {
        rows[`l${i}`] = matches[String(i)] === `r${i}`;
      });
      break;
    }
    case 'ordering': {
      const order = response?.type === 'ordering' ? response.order : [];
      itemOrder(question, slot).forEach((index, i) => {
        rows[`p${i}`] = order.indexOf(index) === index;
      });
      break;
    }
    default:
      break;
  }
  return { verdict, options, rows };
}

/**
 * An answer key in parts: every part is right ("all"), any one of them is accepted ("any"), they
 * go in this order ("order"), or each left item goes with its right one ("pairs").
 */
export interface AnswerKey {
  kind: 'all' | 'any' | 'order' | 'pairs';
  parts: string[];
}

export interface OptionMark {
  /** Part of the answer key. */
  key: boolean;
  /** What the learner marked. */
  chosen: boolean;
}

export interface ReviewMarks {
  verdict: 'right' | 'partial' | 'wrong' | null;
  /** By public option id ("o0"…) or, for true/false, "true" and "false". */
  options: Record<string, OptionMark>;
  /** Matching rows ("l0"…) and ordering items ("p0"…): whether the learner's answer there is right. */
  rows: Record<string, boolean>;
}
