/**
 * The practice case file's steps, fields and the LFT's fine ranges (issue 15): pure data that the
 * server's rules (lib/server/practice/case-file-rules.ts) and the form's fields share.
 */

export const CASE_STEPS = ['orden', 'visita', 'acta', 'emplazamiento', 'comprobacion', 'sancion'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

export type StepValues = Record<string, string>;
export type CaseSteps = Partial<Record<CaseStep, StepValues>>;

/** Up to three findings (acta) and three measures (emplazamiento) per practice case. */
export const ROWS = [1, 2, 3] as const;

/** The fields each step saves: anything else a form posts is dropped. */
export const STEP_FIELDS: Record<CaseStep, readonly string[]> = {
  orden: ['inspectionType', 'origin', 'orderDate', 'subjects', 'motivation', 'noticeTerm', 'noticeBasis'],
  visita: ['noticeDate', 'visitDate', 'credentialShown', 'workingHours', 'attendees'],
  acta: [
    'actaDate',
    'workersIntervened',
    'employerIntervened',
    'copyDelivered',
    ...ROWS.flatMap((n) => [`finding${n}`, `finding${n}Basis`]),
    'statementTerm',
    'statementBasis',
  ],
  emplazamiento: [
    'emplazamientoDate',
    'notifiedOn',
    ...ROWS.flatMap((n) => [`measure${n}`, `measure${n}Basis`, `measure${n}Deadline`, `measure${n}Immediate`]),
    'immediateConsulted',
    'immediateReportDate',
    'termBasis',
  ],
  comprobacion: ['verificationDate', ...ROWS.map((n) => `result${n}`), 'evidence'],
  sancion: ['hearingDate', 'resolutionDate', 'fineArticle', 'fineUma', 'criteria', 'recidivism', 'priorActaDate', 'priorFineUma'],
};

export const INSPECTION_TYPES = ['ordinaria', 'extraordinaria'] as const;
export const ORIGINS = ['programa', 'denuncia', 'requerimiento'] as const;
export const MEASURE_RESULTS = ['cumplida', 'parcial', 'no_cumplida'] as const;

/** Fine ranges in UMA as the LFT sets them (arts. 994, 995, 1002, 1004-A, 1004-C; DOF 01-05-2026). */
export const FINE_RANGES = {
  '994-I': { min: 50, max: 250, cite: 'LFT, art. 994, fr. I' },
  '994-II': { min: 250, max: 5000, cite: 'LFT, art. 994, fr. II' },
  '994-III': { min: 50, max: 1500, cite: 'LFT, art. 994, fr. III' },
  '994-IV': { min: 250, max: 5000, cite: 'LFT, art. 994, fr. IV' },
  '994-V': { min: 250, max: 5000, cite: 'LFT, art. 994, fr. V' },
  '994-VI': { min: 250, max: 5000, cite: 'LFT, art. 994, fr. VI' },
  '994-VII': { min: 250, max: 2500, cite: 'LFT, art. 994, fr. VII' },
  '995': { min: 50, max: 2500, cite: 'LFT, art. 995' },
  '1002': { min: 50, max: 5000, cite: 'LFT, art. 1002' },
  '1004-A': { min: 250, max: 5000, cite: 'LFT, art. 1004-A' },
  '1004-C': { min: 2000, max: 50000, cite: 'LFT, art. 1004-C' },
} as const;
export type FineArticle = keyof typeof FINE_RANGES;
