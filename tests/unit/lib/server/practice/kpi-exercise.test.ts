import { describe, expect, test } from 'vitest';
import { getKpiDataset } from '../../../../../src/lib/server/practice/kpi-data.ts';
import {
  getPublicKpiQuestions,
  kpiExerciseVersion,
  parseAnswerNumber,
  scoreKpiAnswers,
} from '../../../../../src/lib/server/practice/kpi-exercise.ts';
import { kpiByMonth, kpiByOffice, median, parseKpiFilters } from '../../../../../src/lib/server/practice/kpi-metrics.ts';

const dataset = getKpiDataset();
const year = { office: null, from: '2025-01', to: '2025-12' };
const row = (office: string, from = '2025-01', to = '2025-12') => kpiByOffice(dataset, { office, from, to })[0]!;

/** The right answers, read from the same metrics the dashboard shows. */
function rightAnswers(): Record<string, string> {
  return {
    'mediana-slp': String(row('slp').medianDaysToClose),
    'violaciones-edomex': row('edomex').violationsPerVisit!.toFixed(2),
    'remediacion-puebla-s2': (100 * row('puebla', '2025-07').remediationRate!).toFixed(1),
    'mejor-remediacion': 'puebla',
    'que-oculta-la-mediana': 'rezago',
    'violaciones-por-visita': 'seleccion',
  };
}

describe('the fictional KPI dataset', () => {
  test('is marked fictional and every folio says it is practice', () => {
    expect(dataset.notice).toMatch(/ficticios/);
    expect(dataset.cases.every((c) => c.folio.startsWith('PRACT-'))).toBe(true);
  });

  test('hides a backlog behind San Luis Potosí’s short median time to close', () => {
    const rows = kpiByOffice(dataset, year);
    const slp = rows.find((r) => r.office === 'slp')!;
    expect(slp.medianDaysToClose).toBeLessThan(Math.min(...rows.filter((r) => r.office !== 'slp').map((r) => r.medianDaysToClose!)));
    expect(slp.medianOpenAge).toBeGreaterThan(slp.medianDaysToClose!);
  });

  test('counts by month add up to the office totals', () => {
    const months = kpiByMonth(dataset, { ...year, office: 'puebla' });
    expect(months).toHaveLength(12);
    expect(months.reduce((s, m) => s + m.opened, 0)).toBe(row('puebla').opened);
  });
});

describe('parseKpiFilters', () => {
  test('falls back to the whole year and every office on unknown values', () => {
    expect(parseKpiFilters(dataset, new URLSearchParams('oficina=cdmx&desde=2024-13&hasta=x'))).toEqual(year);
  });
  test('swaps a reversed month range', () => {
    expect(parseKpiFilters(dataset, new URLSearchParams('oficina=slp&desde=2025-09&hasta=2025-03'))).toEqual({
      office: 'slp',
      from: '2025-03',
      to: '2025-09',
    });
  });
});

describe('median', () => {
  test('averages the two middle values of an even list and is null when empty', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('scoreKpiAnswers', () => {
  test('gives every point for the right answers', () => {
    const result = scoreKpiAnswers(dataset, rightAnswers());
    expect(result).toMatchObject({ score: 6, maxScore: 6 });
    expect(result.feedback.every((f) => f.correct && f.explanation.length > 0)).toBe(true);
  });

  test('accepts a number within the tolerance, with a decimal comma or a percent sign', () => {
    const median = row('slp').medianDaysToClose!;
    const rate = 100 * row('puebla', '2025-07').remediationRate!;
    const result = scoreKpiAnswers(dataset, {
      'mediana-slp': String(median + 1.5).replace('.', ','),
      'remediacion-puebla-s2': `${(rate - 1.9).toFixed(1)} %`,
    });
    expect(result.feedback.find((f) => f.id === 'mediana-slp')!.correct).toBe(true);
    expect(result.feedback.find((f) => f.id === 'remediacion-puebla-s2')!.correct).toBe(true);
  });

  test('refuses a number outside the tolerance and says what was expected', () => {
    const result = scoreKpiAnswers(dataset, { 'violaciones-edomex': String(row('edomex').violationsPerVisit! + 0.3) });
    const feedback = result.feedback.find((f) => f.id === 'violaciones-edomex')!;
    expect(feedback.correct).toBe(false);
    expect(feedback.expected).toMatch(/violaciones por visita/);
  });

  test('marks a wrong interpretation wrong and names the right one', () => {
    const result = scoreKpiAnswers(dataset, { ...rightAnswers(), 'que-oculta-la-mediana': 'eficiencia' });
    expect(result.score).toBe(5);
    const feedback = result.feedback.find((f) => f.id === 'que-oculta-la-mediana')!;
    expect(feedback).toMatchObject({ correct: false });
    expect(feedback.expected).toMatch(/abiertos/);
  });

  test('scores an empty submission zero without failing', () => {
    expect(scoreKpiAnswers(dataset, {}).score).toBe(0);
  });
});

describe('getPublicKpiQuestions', () => {
  test('carries no answers, tolerances or explanations', () => {
    const json = JSON.stringify(getPublicKpiQuestions());
    for (const word of ['answer', 'tolerance', 'correct', 'explanation']) expect(json).not.toContain(word);
    expect(json).not.toContain(String(row('slp').medianDaysToClose));
  });
});

describe('parseAnswerNumber and kpiExerciseVersion', () => {
  test('reads es-MX numbers and rejects words', () => {
    expect(parseAnswerNumber(' 71,5 ')).toBe(71.5);
    expect(parseAnswerNumber('setenta')).toBeNull();
  });
  test('is stable for the same data', () => {
    expect(kpiExerciseVersion(dataset)).toBe(kpiExerciseVersion(dataset));
  });
});
