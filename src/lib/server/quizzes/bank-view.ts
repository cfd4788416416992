import { t } from '../../../i18n/index.ts';
import { optionWorth, type Question } from '../../content/quiz-schema.ts';
import { formatNumber } from '../../format.ts';

/**
 * A question's whole key for the staff's view of the bank: every option or accepted answer with
 * what it is worth and its feedback, so an imported Moodle bank can be checked against Moodle.
 * Staff only: nothing here is for a learner before grading.
 */
export function bankKey(question: Question): BankKeyEntry[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options.map((o) => ({ text: o.text, ...worth(question, optionWorth(question, o)), feedback: o.feedback ?? null }));
    case 'truefalse':
      return [true, false].map((value) => ({
        text: value ? t('quiz.true') : t('quiz.false'),
        ...worth(question, value === question.answer ? 1 : 0),
        feedback: (value ? question.feedbackTrue : question.feedbackFalse) ?? null,
      }));
    case 'short':
      return question.answers.map((a) => ({ text: a.text, ...worth(question, a.fraction), feedback: a.feedback ?? null }));
    case 'numeric': {
      const unit = question.unit ? ` ${question.unit}` : '';
      return question.answers.map((a) => ({
        text:
          'min' in a
            ? t('quiz.numericRange', { min: `${formatNumber(a.min)}${unit}`, max: `${formatNumber(a.max)}${unit}` })
            : `${formatNumber(a.value)}${unit}${a.tolerance ? ` (± ${formatNumber(a.tolerance)})` : ''}`,
        ...worth(question, a.fraction),
        feedback: a.feedback ?? null,
      }));
    }
    default:
      return [];
  }
}

/** "Correcta" for full marks, "Distractor" for none, the percentage for anything between (or below). */
function worth(question: Question, fraction: number): Pick<BankKeyEntry, 'label' | 'tone'> {
  // In a weighted multiple response every right option is partial: its percentage says more.
  const weighted = question.type === 'multiple' && question.grading === 'weighted';
  if (fraction >= 1 && !weighted) return { label: t('quiz.bank.correct'), tone: 'ok' };
  if (fraction === 0) return { label: t('quiz.bank.distractor'), tone: 'neutral' };
  return { label: t('items.worth', { percent: formatNumber(Math.round(fraction * 1000) / 10) }), tone: fraction > 0 ? 'ok' : 'err' };
}

export interface BankKeyEntry {
  /** In the question's format (options, short answers) or plain (true/false, numbers). */
  text: string;
  label: string;
  tone: 'ok' | 'err' | 'neutral';
  feedback: string | null;
}
