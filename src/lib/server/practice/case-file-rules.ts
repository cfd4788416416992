import type { MessageKey } from '../../../i18n/index.ts';
import {
  CASE_STEPS,
  type CaseStep,
  type CaseSteps,
  FINE_RANGES,
  type FineArticle,
  MEASURE_RESULTS,
  INSPECTION_TYPES,
  ORIGINS,
  ROWS,
  STEP_FIELDS,
  type StepValues,
} from '../../practice/case-file-fields.ts';

export { CASE_STEPS, FINE_RANGES, INSPECTION_TYPES, MEASURE_RESULTS, ORIGINS, ROWS, STEP_FIELDS };
export type { CaseStep, CaseSteps, FineArticle, StepValues };

/**
 * The practice case file's steps and their rules (issue 15). Each legal rule names its article,
 * read in the LFT (DOF 01-05-2026 text in /work/shared/sources) or the Constitution. The RGITAS
 * is not among the verified sources, so its terms (notice of an ordinary inspection, the term to
 * state what suits the employer after the acta, the terms of an emplazamiento) are never encoded
 * as numbers: the learner states the term and must justify its legal basis.
 */

export interface StepIssue {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A legal basis names an article: "LFT, art. 12", "artículo 15 A de la LSS". */
const CITES_ARTICLE = /\bart(\.|ículo|iculo)?\s*\d/i;
/** The shortest justification worth reading (a sentence, not a word). */
const MIN_JUSTIFICATION = 20;
const DAY = 86_400_000;

const isDate = (value: string | undefined): value is string => Boolean(value && DATE.test(value) && !Number.isNaN(Date.parse(value)));
const filled = (value: string | undefined): boolean => Boolean(value?.trim());
const addDays = (date: string, days: number): string => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
const checked = (value: string | undefined): boolean => value === 'on';

function required(values: StepValues, issues: StepIssue[], ...fields: string[]): void {
  for (const field of fields) if (!filled(values[field])) issues.push({ field, key: 'practice.case.required' });
}

function requiredDate(values: StepValues, issues: StepIssue[], field: string): boolean {
  if (!filled(values[field])) issues.push({ field, key: 'practice.case.required' });
  else if (!isDate(values[field])) issues.push({ field, key: 'practice.case.invalidDate' });
  else return true;
  return false;
}

function justification(values: StepValues, issues: StepIssue[], field: string, key: MessageKey): void {
  if ((values[field]?.trim().length ?? 0) < MIN_JUSTIFICATION) issues.push({ field, key });
}

/** The measures written in the emplazamiento (rows with text). */
export function measureRows(steps: CaseSteps): number[] {
  const e = steps.emplazamiento ?? {};
  return ROWS.filter((n) => filled(e[`measure${n}`]));
}

const validators: Record<CaseStep, (values: StepValues, steps: CaseSteps) => StepIssue[]> = {
  orden(v) {
    const issues: StepIssue[] = [];
    if (!INSPECTION_TYPES.includes(v.inspectionType as never)) issues.push({ field: 'inspectionType', key: 'practice.case.required' });
    if (!ORIGINS.includes(v.origin as never)) issues.push({ field: 'origin', key: 'practice.case.required' });
    // LFT art. 542, fr. II (periodic, programmed) and fr. III (superiors' requirement or a complaint).
    if (v.inspectionType === 'extraordinaria' && v.origin === 'programa')
      issues.push({ field: 'origin', key: 'practice.case.rule.extraordinaryOrigin' });
    if (v.inspectionType === 'ordinaria' && (v.origin === 'denuncia' || v.origin === 'requerimiento'))
      issues.push({ field: 'origin', key: 'practice.case.rule.ordinaryOrigin' });
    requiredDate(v, issues, 'orderDate');
    required(v, issues, 'subjects');
    // CPEUM art. 16: a written order of the competent authority, "que funde y motive la causa legal".
    justification(v, issues, 'motivation', 'practice.case.rule.motivation');
    if (v.inspectionType === 'ordinaria') {
      // The notice period is in the RGITAS, not in the verified sources: the learner states and justifies it.
      required(v, issues, 'noticeTerm');
      justification(v, issues, 'noticeBasis', 'practice.case.rule.noticeUnverified');
    }
    return issues;
  },
  visita(v, steps) {
    const issues: StepIssue[] = [];
    const order = steps.orden ?? {};
    if (requiredDate(v, issues, 'visitDate') && isDate(order.orderDate) && v.visitDate! < order.orderDate)
      issues.push({ field: 'visitDate', key: 'practice.case.rule.visitAfterOrder', params: { date: order.orderDate } });
    if (order.inspectionType === 'ordinaria' && requiredDate(v, issues, 'noticeDate')) {
      if (isDate(order.orderDate) && v.noticeDate! < order.orderDate)
        issues.push({ field: 'noticeDate', key: 'practice.case.rule.noticeAfterOrder', params: { date: order.orderDate } });
      else if (isDate(v.visitDate) && v.noticeDate! > v.visitDate)
        issues.push({ field: 'noticeDate', key: 'practice.case.rule.noticeBeforeVisit' });
    }
    // LFT art. 542, fr. I, and art. 541, fr. II: identify with the authorized credential, during working hours.
    if (!checked(v.credentialShown)) issues.push({ field: 'credentialShown', key: 'practice.case.rule.credential' });
    if (!checked(v.workingHours)) issues.push({ field: 'workingHours', key: 'practice.case.rule.workingHours' });
    required(v, issues, 'attendees');
    return issues;
  },
  acta(v, steps) {
    const issues: StepIssue[] = [];
    const visit = steps.visita?.visitDate;
    if (requiredDate(v, issues, 'actaDate') && isDate(visit) && v.actaDate! < visit)
      issues.push({ field: 'actaDate', key: 'practice.case.rule.actaAfterVisit', params: { date: visit } });
    // LFT art. 542, fr. IV: with the workers' and the employer's intervention; a copy to the parties.
    if (!checked(v.workersIntervened)) issues.push({ field: 'workersIntervened', key: 'practice.case.rule.actaIntervention' });
    if (!checked(v.employerIntervened)) issues.push({ field: 'employerIntervened', key: 'practice.case.rule.actaIntervention' });
    if (!checked(v.copyDelivered)) issues.push({ field: 'copyDelivered', key: 'practice.case.rule.actaCopy' });
    if (!filled(v.finding1)) issues.push({ field: 'finding1', key: 'practice.case.rule.findingRequired' });
    for (const n of ROWS) {
      if (filled(v[`finding${n}`]) && !CITES_ARTICLE.test(v[`finding${n}Basis`] ?? ''))
        issues.push({ field: `finding${n}Basis`, key: 'practice.case.rule.basisCitesArticle' });
    }
    // The term to state what suits the employer is in the RGITAS (not verified): stated and justified.
    required(v, issues, 'statementTerm');
    justification(v, issues, 'statementBasis', 'practice.case.rule.statementUnverified');
    return issues;
  },
  emplazamiento(v, steps) {
    const issues: StepIssue[] = [];
    const acta = steps.acta?.actaDate;
    const visit = steps.visita?.visitDate;
    if (requiredDate(v, issues, 'emplazamientoDate') && isDate(acta) && v.emplazamientoDate! < acta)
      issues.push({ field: 'emplazamientoDate', key: 'practice.case.rule.emplazamientoAfterActa', params: { date: acta } });
    // The term runs from the notice (module 6, lesson 5): measures fall due after it.
    if (requiredDate(v, issues, 'notifiedOn') && isDate(v.emplazamientoDate) && v.notifiedOn! < v.emplazamientoDate)
      issues.push({ field: 'notifiedOn', key: 'practice.case.rule.noticeOfEmplazamiento' });
    if (!filled(v.measure1)) issues.push({ field: 'measure1', key: 'practice.case.rule.measureRequired' });
    let immediate = false;
    for (const n of ROWS) {
      if (!filled(v[`measure${n}`])) continue;
      if (!CITES_ARTICLE.test(v[`measure${n}Basis`] ?? ''))
        issues.push({ field: `measure${n}Basis`, key: 'practice.case.rule.basisCitesArticle' });
      if (checked(v[`measure${n}Immediate`])) {
        immediate = true;
        continue;
      }
      const deadline = `measure${n}Deadline`;
      if (!filled(v[deadline])) issues.push({ field: deadline, key: 'practice.case.rule.deadlineRequired' });
      else if (!isDate(v[deadline])) issues.push({ field: deadline, key: 'practice.case.invalidDate' });
      else if (isDate(v.notifiedOn) && v[deadline]! <= v.notifiedOn)
        issues.push({ field: deadline, key: 'practice.case.rule.deadlineAfterNotice', params: { date: v.notifiedOn } });
    }
    if (immediate) {
      // LFT art. 541, fr. VI Bis: prior consultation with the DGIFT; a written report within 24 hours.
      if (!checked(v.immediateConsulted)) issues.push({ field: 'immediateConsulted', key: 'practice.case.rule.immediateConsulted' });
      if (
        requiredDate(v, issues, 'immediateReportDate') &&
        isDate(visit) &&
        (v.immediateReportDate! < visit || v.immediateReportDate! > addDays(visit, 1))
      )
        issues.push({ field: 'immediateReportDate', key: 'practice.case.rule.immediateReport24h', params: { date: visit } });
    }
    // The terms of an emplazamiento are in the RGITAS (not verified): the learner justifies them.
    justification(v, issues, 'termBasis', 'practice.case.rule.termUnverified');
    return issues;
  },
  comprobacion(v, steps) {
    const issues: StepIssue[] = [];
    const e = steps.emplazamiento ?? {};
    const deadlines = measureRows(steps)
      .filter((n) => !checked(e[`measure${n}Immediate`]))
      .map((n) => e[`measure${n}Deadline`])
      .filter(isDate)
      .sort();
    const last = deadlines.at(-1);
    // A verification checks measures whose term has run (LFT art. 512-D: "transcurrido el plazo concedido").
    if (requiredDate(v, issues, 'verificationDate') && last && v.verificationDate! <= last)
      issues.push({ field: 'verificationDate', key: 'practice.case.rule.verificationAfterDeadline', params: { date: last } });
    for (const n of measureRows(steps)) {
      if (!MEASURE_RESULTS.includes(v[`result${n}`] as never)) issues.push({ field: `result${n}`, key: 'practice.case.required' });
    }
    required(v, issues, 'evidence');
    return issues;
  },
  sancion(v, steps) {
    const issues: StepIssue[] = [];
    const acta = steps.acta?.actaDate;
    if (requiredDate(v, issues, 'hearingDate') && isDate(acta) && v.hearingDate! < acta)
      issues.push({ field: 'hearingDate', key: 'practice.case.rule.hearingAfterActa', params: { date: acta } });
    // LFT art. 1009: "después de oír al interesado, impondrá la sanción".
    if (requiredDate(v, issues, 'resolutionDate') && isDate(v.hearingDate) && v.resolutionDate! < v.hearingDate)
      issues.push({ field: 'resolutionDate', key: 'practice.case.rule.resolutionAfterHearing' });
    const range = FINE_RANGES[v.fineArticle as FineArticle] as (typeof FINE_RANGES)[FineArticle] | undefined;
    const fine = Number(v.fineUma);
    if (!range) issues.push({ field: 'fineArticle', key: 'practice.case.required' });
    if (!filled(v.fineUma) || !Number.isFinite(fine) || fine <= 0) issues.push({ field: 'fineUma', key: 'practice.case.rule.fineNumber' });
    const recidivism = checked(v.recidivism);
    // LFT art. 992: fines in UMA within each article's range; recidivism doubles the previous fine.
    if (range && Number.isFinite(fine) && fine > 0 && !recidivism && (fine < range.min || fine > range.max))
      issues.push({ field: 'fineUma', key: 'practice.case.rule.fineRange', params: { min: range.min, max: range.max, cite: range.cite } });
    // LFT art. 992, fr. I–V: intent, gravity, damage, economic capacity, recidivism.
    justification(v, issues, 'criteria', 'practice.case.rule.criteria');
    if (recidivism) {
      if (requiredDate(v, issues, 'priorActaDate') && isDate(acta)) {
        const twoYearsBefore = new Date(Date.parse(acta));
        twoYearsBefore.setUTCFullYear(twoYearsBefore.getUTCFullYear() - 2);
        if (v.priorActaDate! >= acta || v.priorActaDate! < twoYearsBefore.toISOString().slice(0, 10))
          issues.push({ field: 'priorActaDate', key: 'practice.case.rule.recidivismWindow', params: { date: acta } });
      }
      const prior = Number(v.priorFineUma);
      if (!filled(v.priorFineUma) || !Number.isFinite(prior) || prior <= 0)
        issues.push({ field: 'priorFineUma', key: 'practice.case.rule.fineNumber' });
      else if (Number.isFinite(fine) && fine !== prior * 2)
        issues.push({ field: 'fineUma', key: 'practice.case.rule.recidivismDouble', params: { double: prior * 2 } });
    }
    return issues;
  },
};

/** Keeps only the step's own fields, trimmed. */
export function pickStepValues(step: CaseStep, raw: Record<string, unknown>): StepValues {
  const values: StepValues = {};
  for (const field of STEP_FIELDS[step]) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  return values;
}

/** The step's problems given the steps already saved; empty when it may be saved. */
export function validateCaseStep(step: CaseStep, values: StepValues, steps: CaseSteps): StepIssue[] {
  return validators[step](values, steps);
}

/** Every step in order, each against the ones before it: what a submission must pass. */
export function validateCaseFile(steps: CaseSteps): { step: CaseStep; issues: StepIssue[] }[] {
  return CASE_STEPS.map((step) => ({
    step,
    issues: steps[step] ? validateCaseStep(step, steps[step], steps) : [{ field: '', key: 'practice.case.stepMissing' as MessageKey }],
  })).filter((r) => r.issues.length > 0);
}
