import { describe, expect, test } from 'vitest';
import { HOUR_BUDGETS, type HourBudget } from '../../../../../db/schema/index.ts';
import type { LedgerTotals } from '../../../../../src/lib/server/hours/ledger.ts';
import { whatIsMissing } from '../../../../../src/lib/server/hours/missing.ts';
import { type StandingInput, standingFrom } from '../../../../../src/lib/server/hours/standing.ts';
import { loadStandingContext } from '../../../../standing-context.ts';

const context = loadStandingContext();
const { plan } = context;
const slug = (n: number) => plan.modules[n - 1]?.slug as string;

/** Everything credited and every quiz passed, less what each test takes away. */
function situation(
  change: {
    minus?: [module: number, budget: HourBudget, minutes: number][];
    failed?: number[];
    pending?: number[];
    attendance?: number | null;
  } = {},
) {
  const byModule = new Map(plan.modules.map((m) => [m.slug, new Map(HOUR_BUDGETS.map((b) => [b, m.budget[b]]))]));
  for (const [n, budget, minutes] of change.minus ?? []) {
    const budgets = byModule.get(slug(n)) as Map<HourBudget, number>;
    budgets.set(budget, (budgets.get(budget) ?? 0) - minutes);
  }
  const total = [...byModule.values()].reduce((s, m) => s + [...m.values()].reduce((a, b) => a + b, 0), 0);
  const totals: LedgerTotals = { total, byModule };
  const attempts: StandingInput['attempts'] = context.quizzes.map(({ moduleSlug }) => {
    const n = plan.modules.findIndex((m) => m.slug === moduleSlug) + 1;
    const score = change.failed?.includes(n) ? 2 : change.pending?.includes(n) ? null : 10;
    return { moduleSlug, score, maxScore: 10, submittedAt: new Date('2026-10-01T16:00:00Z') };
  });
  const share = change.attendance === undefined ? 1 : change.attendance;
  return standingFrom({
    ...context,
    totals,
    completedLessons: new Set(plan.modules.flatMap((m) => m.lessons.map((l) => l.id))),
    attempts,
    cohort: { id: 1, name: 'G1', startsOn: '2026-09-07' },
    attendance: { held: 10, excused: 0, attended: share === null ? 0 : Math.round(share * 10), share },
    now: new Date('2026-11-01T16:00:00Z'),
  });
}

describe('whatIsMissing', () => {
  test('says all is met when hours, quizzes and attendance are complete', () => {
    expect(whatIsMissing(situation())).toEqual(['Cumple todo lo necesario para la constancia.']);
  });

  test('names the hours missing in one module', () => {
    expect(whatIsMissing(situation({ minus: [[6, 'live', 150]] }))).toEqual(['Le faltan 2.5 h del módulo 6.']);
  });

  test('says "falta" for exactly one hour', () => {
    expect(whatIsMissing(situation({ minus: [[2, 'practice', 60]] }))).toEqual(['Le falta 1 h del módulo 2.']);
  });

  test('asks to pass a quiz without asking again for the hours it would credit', () => {
    expect(whatIsMissing(situation({ failed: [8], minus: [[8, 'evaluation', plan.modules[7]?.budget.evaluation ?? 0]] }))).toEqual([
      'Le falta aprobar la evaluación del módulo 8.',
    ]);
  });

  test('joins the hours of several modules and the quiz to pass in one sentence', () => {
    expect(
      whatIsMissing(
        situation({
          minus: [
            [6, 'study', 150],
            [7, 'practice', 60],
            [8, 'evaluation', plan.modules[7]?.budget.evaluation ?? 0],
          ],
          failed: [8],
        }),
      ),
    ).toEqual(['Le faltan 2.5 h del módulo 6, 1 h del módulo 7 y aprobar la evaluación del módulo 8.']);
  });

  test('names several quizzes together, and says which wait for grading', () => {
    expect(whatIsMissing(situation({ failed: [3], pending: [9] }))).toEqual([
      'Le falta aprobar las evaluaciones de los módulos 3 y 9.',
      'Su evaluación del módulo 9 espera la calificación del equipo docente.',
    ]);
  });

  test('says when attendance is below the program minimum, rounded down', () => {
    expect(whatIsMissing(situation({ attendance: 0.796 }))).toEqual([
      'Ha asistido al 79.6 % de las sesiones en vivo realizadas; la constancia pide al menos el 80 %.',
    ]);
  });

  test('does not ask for attendance while no session counts yet', () => {
    expect(whatIsMissing(situation({ attendance: null }))).toEqual(['Cumple todo lo necesario para la constancia.']);
  });

  test('lists hours and attendance as separate sentences', () => {
    expect(whatIsMissing(situation({ minus: [[1, 'study', 30]], attendance: 0.5 }))).toEqual([
      'Le faltan 0.5 h del módulo 1.',
      'Ha asistido al 50 % de las sesiones en vivo realizadas; la constancia pide al menos el 80 %.',
    ]);
  });
});
