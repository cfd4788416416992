import { LOCALE, t } from '../../../i18n/index.ts';
import { formatHours, formatNumber } from '../../format.ts';
import { PASSING_RATIO } from '../practice/inspection-scoring.ts';
import type { Standing } from './standing.ts';

const list = new Intl.ListFormat(LOCALE, { style: 'long', type: 'conjunction' });

/**
 * What a person still needs for the certificate, in plain Spanish sentences (issue #13): "Le
 * faltan 2.5 h del módulo 6 y aprobar la evaluación del módulo 8." Hours are named per module;
 * the hours a quiz not yet passed would credit are left to "aprobar la evaluación", so they are
 * not asked for twice. Then quizzes waiting for grading and attendance below the minimum; one
 * sentence saying all is met when nothing is missing. `practice` (module slug → number of practice
 * inspections) adds a sentence for each module whose inspections are not all passed.
 */
export function whatIsMissing(standing: Standing, practice: ReadonlyMap<string, number> = new Map()): string[] {
  const sentences: string[] = [];
  const hours: string[] = [];
  if (standing.creditedMinutes < standing.requiredMinutes) {
    for (const m of standing.modules) {
      const evaluationLeft = m.quiz && m.quiz.status !== 'passed' ? m.budgets.evaluation.required - m.budgets.evaluation.credited : 0;
      const missing = m.requiredMinutes - m.creditedMinutes - Math.max(0, evaluationLeft);
      if (missing > 0) hours.push(t('standing.missing.hoursItem', { hours: formatHours(missing), number: m.number }));
    }
  }
  const quizzes = standing.modules.filter((m) => m.quiz && m.quiz.status !== 'passed');
  const items = [...hours];
  if (quizzes.length > 0)
    items.push(
      quizPhrase(
        quizzes.map((m) => m.number),
        'standing.missing.quizOne',
        'standing.missing.quizMany',
      ),
    );
  if (items.length > 0) {
    const singular = items.length === 1 && (hours.length === 0 || hours[0]?.startsWith(`${formatHours(60)} `));
    sentences.push(t(singular ? 'standing.missing.one' : 'standing.missing.many', { items: list.format(items) }));
  }
  // Practice inspections (issue 15): `practice` maps a module to its number of exercises, each worth
  // an hour of the module's practice budget once passed.
  for (const m of standing.modules) {
    const exercises = practice.get(m.slug) ?? 0;
    const left = Math.min(exercises, Math.ceil((m.budgets.practice.required - m.budgets.practice.credited) / 60));
    if (left > 0) sentences.push(t('standing.missing.inspections', { percent: Math.round(PASSING_RATIO * 100), number: m.number, left }));
  }
  const pending = standing.modules.filter((m) => m.quiz?.status === 'pending').map((m) => m.number);
  if (pending.length > 0) sentences.push(quizPhrase(pending, 'standing.missing.pendingOne', 'standing.missing.pendingMany'));
  const { share, required } = standing.attendance;
  if (share !== null && share < required) {
    // Rounded down, so 79.6 % never reads as the 80 % it falls short of.
    sentences.push(
      t('standing.missing.attendance', {
        share: formatNumber(Math.floor(share * 1000) / 10),
        required: formatNumber(Math.round(required * 1000) / 10),
      }),
    );
  }
  return sentences.length > 0 ? sentences : [t('standing.missing.none')];
}

type QuizKey = 'standing.missing.quizOne' | 'standing.missing.quizMany' | 'standing.missing.pendingOne' | 'standing.missing.pendingMany';

function quizPhrase(numbers: number[], one: QuizKey, many: QuizKey): string {
  return numbers.length === 1 ? t(one, { number: numbers[0] as number }) : t(many, { numbers: list.format(numbers.map(String)) });
}
