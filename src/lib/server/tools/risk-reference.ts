import { createHash } from 'node:crypto';
import rawData from '../../../../content/tools/risk/employers.json' with { type: 'json' };
import { type Employer, type RiskData, riskDataSchema } from '../../tools/risk-schema.ts';

/**
 * The risk targeting exercise's data and its reference ranking (issue 15). Server-only: the
 * reference and each employer's points reach a learner only in the feedback after submission.
 * The formula is deliberately simple and published in that feedback, so it can be argued with.
 */
export const RANKING_SLUG = 'focalizacion-autopartes';
export const RANKING_SIZE = 10;

let data: RiskData | undefined;
export function getRiskData(): RiskData {
  data ??= riskDataSchema.parse(rawData);
  return data;
}

/** The data's content hash: an attempt keeps the version it was scored against. */
export function riskDataVersion(data: RiskData = getRiskData()): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

/** One signal's contribution to an employer's reference score: a code (i18n) and its points. */
export interface SignalPoints {
  signal: string;
  points: number;
}

/**
 * The reference score: points per signal, each a hypothesis to check in the visit (module 8, 8.2).
 * A pending complaint weighs most because it obliges an inspection (LFT, art. 542, fr. III).
 */
export function scoreEmployer(e: Employer): SignalPoints[] {
  const out: SignalPoints[] = [];
  const add = (signal: string, points: number) => points !== 0 && out.push({ signal, points });
  add('complaints', Math.min(3, e.complaints12m) * 6);
  add('subcontracting', e.subcontractedPct >= 50 ? 15 : e.subcontractedPct >= 30 ? 8 : 0);
  if (e.subcontractedPct > 0) add('repse', e.repse === 'sin_registro' ? 12 : e.repse === 'vencido' ? 8 : 0);
  add('priorViolations', Math.min(3, e.priorViolations2y) * 5);
  add('cba', e.cba === 'sin_constancia' ? 12 : e.cba === 'terminado' ? 10 : 0);
  add('tmec', e.tmecExports ? 5 : 0);
  add('genderGap', e.womenPct >= 50 && e.genderPayGapPct >= 12 ? 8 : e.genderPayGapPct >= 12 ? 4 : 0);
  add('turnover', e.turnoverPct >= 60 ? 5 : 0);
  add('wages', e.wageVsSectorPct < 90 ? 5 : 0);
  add('lastInspection', e.monthsSinceInspection === null ? 6 : e.monthsSinceInspection >= 36 ? 4 : e.monthsSinceInspection < 12 ? -4 : 0);
  // No complaints where reprisals are reported is not the absence of risk: complaints are under-reported.
  if (e.retaliationSignals) add('retaliation', e.complaints12m === 0 ? 10 : 4);
  return out;
}

export interface ReferenceEntry {
  employer: Employer;
  score: number;
  signals: SignalPoints[];
  /** 1-based position in the reference ranking. */
  position: number;
}

/**
 * Every employer by reference score, highest first; ties by id, so the order is stable. `data` is
 * the data set an attempt began with (its snapshot, risk-ranking.ts), the committed one by default.
 */
export function referenceRanking(data: RiskData = getRiskData()): ReferenceEntry[] {
  return data.employers
    .map((employer) => {
      const signals = scoreEmployer(employer);
      return { employer, signals, score: signals.reduce((s, p) => s + p.points, 0), position: 0 };
    })
    .sort((a, b) => b.score - a.score || a.employer.id.localeCompare(b.employer.id))
    .map((entry, i) => ({ ...entry, position: i + 1 }));
}
