// Demo KPI readings, practice case files, risk rankings and module 7 checklists (issue 15): a full
// reading and a partial one; case files reviewed, waiting for review and in progress; a complete
// ranking, a partial one and a draft; checklists marked in module 7's lessons. Instructors see
// results, reviews and marks. The demo inspector has none: they can start each exercise at once.
// Everything goes through the functions the site uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Db } from '../src/lib/server/db.ts';
import { type Checklist, type ChecklistMarks, checklistSchema } from '../src/lib/tools/checklist-schema.ts';
import { saveChecklistMarks } from '../src/lib/server/tools/checklist-marks.ts';
import { saveRankingDraft, submitRanking } from '../src/lib/server/tools/risk-ranking.ts';
import { getRiskData, referenceRanking } from '../src/lib/server/tools/risk-reference.ts';
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

/** The reference's top ten, each with a justification from its own signals; a partial list swaps half for low-risk firms. */
function rankingPicks(quality: 'complete' | 'partial'): { employerId: string; justification: string }[] {
  const reference = referenceRanking();
  const top = reference.slice(0, 10);
  const low = reference.slice(-5);
  const picks = quality === 'complete' ? top : [...top.filter((_, i) => i % 2 === 0), ...low];
  const why = (e: (typeof reference)[number]['employer']) =>
    [
      e.complaints12m > 0 ? `${e.complaints12m} denuncias en 12 meses` : '',
      e.subcontractedPct >= 30 ? `${e.subcontractedPct} % de personal subcontratado` : '',
      e.priorViolations2y > 0 ? `${e.priorViolations2y} violaciones previas` : '',
      e.retaliationSignals ? 'indicios de represalias' : '',
      e.monthsSinceInspection === null ? 'nunca inspeccionada' : '',
    ]
      .filter(Boolean)
      .join('; ') || 'Plantilla grande y sin visita reciente';
  return picks.map((r) => ({ employerId: r.employer.id, justification: why(r.employer) }));
}

/** Module 7's checklists, read from their files (the seed runs outside the site's bundler). */
function checklists(): Map<string, Checklist> {
  const dir = 'content/tools/checklists';
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => checklistSchema.parse(parse(readFileSync(join(dir, f), 'utf8'))))
      .map((c) => [c.id, c]),
  );
}

/**
 * Marks as on a visit: "cumple" on the first `count` items, except those listed, marked "no cumple"
 * with what was found.
 */
function markChecklist(
  db: Db,
  userId: number,
  checklist: Checklist | undefined,
  count: number,
  findings: Record<string, string>,
  at: Date,
): void {
  if (!checklist) return;
  const marks: ChecklistMarks = Object.fromEntries(
    checklist.items
      .filter((item, i) => i < count || item.id in findings)
      .map((item) => [item.id, findings[item.id] ? { mark: 'no_cumple', note: findings[item.id] ?? '' } : { mark: 'cumple', note: '' }]),
  );
  saveChecklistMarks(db, { userId, lessonId: checklist.lesson, checklistId: checklist.id, checklist, marks }, at);
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

  // Risk rankings: a complete one, a partial one and a draft resumed on any device.
  const data = getRiskData();
  if (a !== undefined) submitRanking(db, a, rankingPicks('complete'), ago(2), data);
  if (b !== undefined) submitRanking(db, b, rankingPicks('partial'), ago(1), data);
  if (c !== undefined) saveRankingDraft(db, c, rankingPicks('complete').slice(0, 4), ago(1), data);

  // Module 7's checklists, marked in their lessons as on a visit.
  const lists = checklists();
  if (a !== undefined) {
    markChecklist(
      db,
      a,
      lists.get('subcontratacion'),
      7,
      {
        'S-8': 'La contratista de limpieza no aparece en el padrón público de subcontratistas (LFT, art. 15).',
        'S-9': 'El contrato no señala el número aproximado de trabajadores que participan (LFT, art. 14).',
      },
      ago(4),
    );
    markChecklist(
      db,
      a,
      lists.get('libertad-sindical'),
      4,
      { 'L-1': 'La empresa no exhibió la constancia de registro del contrato colectivo.' },
      ago(3),
    );
  }
  if (b !== undefined)
    markChecklist(
      db,
      b,
      lists.get('igualdad-genero'),
      3,
      { 'G-1': 'La solicitud de empleo pide certificado de no embarazo (LFT, art. 133, fr. XIV).' },
      ago(2),
    );
}
