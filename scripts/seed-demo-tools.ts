// Demo KPI readings and practice case files (issue 15): a full reading and a partial one, and case
// files reviewed, waiting for review and in progress, so instructors see results and reviews. The
// demo inspector has none: they can start each exercise at once. Everything goes through the
// functions the site uses.
import type { Db } from '../src/lib/server/db.ts';
import { reviewCaseFile, saveCaseStep, startCaseFile, submitCaseFile } from '../src/lib/server/practice/case-file-attempts.ts';
import { CASE_STEPS } from '../src/lib/server/practice/case-file-rules.ts';
import { submitKpiAttempt } from '../src/lib/server/practice/kpi-attempts.ts';
import { getKpiDataset } from '../src/lib/server/practice/kpi-data.ts';
import { kpiByOffice } from '../src/lib/server/practice/kpi-metrics.ts';
import { validCase } from '../tests/practice-fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;

function kpiAnswers(quality: 'complete' | 'partial'): Record<string, string> {
  const dataset = getKpiDataset();
  const row = (office: string, from = '2025-01') => kpiByOffice(dataset, { office, from, to: '2025-12' })[0];
  const answers = {
    'mediana-slp': String(row('slp')?.medianDaysToClose ?? ''),
    'violaciones-edomex': (row('edomex')?.violationsPerVisit ?? 0).toFixed(2),
    'remediacion-puebla-s2': (100 * (row('puebla', '2025-07')?.remediationRate ?? 0)).toFixed(1),
    'mejor-remediacion': 'puebla',
    'que-oculta-la-mediana': 'rezago',
    'violaciones-por-visita': 'seleccion',
  };
  // A partial reading takes the median at face value and reads violations per visit as productivity.
  return quality === 'complete'
    ? answers
    : { ...answers, 'que-oculta-la-mediana': 'eficiencia', 'violaciones-por-visita': 'productividad' };
}

function fileCase(db: Db, userId: number, upTo: number, at: Date): number {
  const { id } = startCaseFile(db, userId, at);
  const steps = validCase();
  for (const step of CASE_STEPS.slice(0, upTo)) saveCaseStep(db, { userId, attemptId: id, step, raw: steps[step], now: at });
  return id;
}

/**
 * `learnerIds` are the demo cohort's learners in roster order (the demo inspector excluded); the
 * ones used are among those the demo makes "ahead" (5–8), as the practice inspections do.
 */
export function seedDemoTools(db: Db, learnerIds: readonly number[], instructorId: number, now = new Date()): void {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [a, b, c, d] = [learnerIds[5], learnerIds[6], learnerIds[7], learnerIds[8]];
  const dataset = getKpiDataset();
  if (a !== undefined) {
    submitKpiAttempt(db, dataset, { userId: a, answers: kpiAnswers('complete'), now: ago(3) });
    const id = fileCase(db, a, CASE_STEPS.length, ago(3));
    submitCaseFile(db, { userId: a, attemptId: id, now: ago(3) });
    reviewCaseFile(db, {
      reviewerId: instructorId,
      attemptId: id,
      comment: 'Buen fundamento de la subcontratación (LFT, art. 12). Diga cómo computó el plazo del emplazamiento desde su notificación.',
      now: ago(2),
    });
  }
  if (b !== undefined) submitKpiAttempt(db, dataset, { userId: b, answers: kpiAnswers('partial'), now: ago(2) });
  if (c !== undefined) {
    const id = fileCase(db, c, CASE_STEPS.length, ago(2));
    submitCaseFile(db, { userId: c, attemptId: id, now: ago(1) });
  }
  if (d !== undefined) fileCase(db, d, 2, ago(1));
}
