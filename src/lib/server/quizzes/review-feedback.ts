import type { Question } from '../../content/quiz-schema.ts';
import { matchNumericAnswer, matchShortAnswer, type Response } from './grading.ts';
import { optionOrder, type Slot } from './public-view.ts';
import type { ReviewPermissions } from './review.ts';

/**
 * The feedback a graded attempt shows under one question, so the quiz teaches: what the author
 * wrote for the answer the learner gave (the chosen option, each chosen option of a multiple
 * response, "true" or "false", the short or numeric answer their text matched), then the general
 * feedback. Built only when the review policy shows feedback, which it never does before the
 * attempt is submitted; every text is in the question's `format`.
 */
export function reviewFeedback(
  question: Question,
  slot: Slot,
  response: Response | null,
  permissions: Pick<ReviewPermissions, 'feedback'>,
): ReviewFeedback {
  const none: ReviewFeedback = { format: question.format, answer: [], general: null };
  if (!permissions.feedback) return none;
  return { ...none, answer: answerFeedback(question, slot, response), general: question.feedback ?? null };
}

function answerFeedback(question: Question, slot: Slot, response: Response | null): AnswerFeedback[] {
  if (!response || response.type !== question.type) return [];
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const chosen = new Set(response.type === 'single' ? [response.optionId] : response.type === 'multiple' ? response.optionIds : []);
      const options = new Map(question.options.map((o) => [o.id, o]));
      // In the order the learner saw the options.
      return optionOrder(question, slot).flatMap((id) => {
        const option = options.get(id);
        return option?.feedback && chosen.has(id)
          ? [{ about: question.type === 'multiple' ? option.text : null, text: option.feedback }]
          : [];
      });
    }
    case 'truefalse': {
      const value = response.type === 'truefalse' ? response.value : null;
      const text = value === true ? question.feedbackTrue : value === false ? question.feedbackFalse : undefined;
      return text ? [{ about: null, text }] : [];
    }
    case 'short': {
      const text = response.type === 'short' ? matchShortAnswer(question, response.text)?.feedback : undefined;
      return text ? [{ about: null, text }] : [];
    }
    case 'numeric': {
      const text = response.type === 'numeric' ? matchNumericAnswer(question, response.value)?.feedback : undefined;
      return text ? [{ about: null, text }] : [];
    }
    default:
      return [];
  }
}

export interface AnswerFeedback {
  /** The option it is about, for a multiple response (several may be shown); null otherwise. */
  about: string | null;
  text: string;
}

export interface ReviewFeedback {
  format: Question['format'];
  answer: AnswerFeedback[];
  /** The question's general feedback, whatever was answered. */
  general: string | null;
}
