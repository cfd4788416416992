import { z } from 'astro/zod';
import type { Citation } from './legal.ts';
import { LAWS } from './schemas.ts';

/**
 * A practice inspection (issue 15): a fictional employer's file in content/tools/inspections/,
 * played step by step and scored on the server. Fields marked "rubric" never reach the browser
 * before submission: pages only see `publicView()` of the engine (src/lib/server/practice).
 */

/** "LFT, art. 133, fr. XIV" — the way inspectors write a citation (formatCitation). */
const CITATION = /^(\S+), art\. ([^,]+?)(?:, fr\. ([^,]+))?$/;

export function parseCitation(text: string): Citation | null {
  const m = CITATION.exec(text.trim());
  if (!m || !(LAWS as readonly string[]).includes(m[1] ?? '')) return null;
  return { law: m[1] as Citation['law'], art: m[2], ...(m[3] ? { fr: m[3] } : {}) };
}

const citation = z.string().refine((s) => parseCitation(s) !== null, {
  message: `escriba la cita como «LFT, art. 133, fr. XIV» con una ley de: ${LAWS.join(', ')}`,
});
const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'debe ser un id en minúsculas con guiones (p. ej. "nomina")');
/** A lesson of the course, optionally with an anchor: "10-practica-integradora/01-escenario-a-arneses-lerma#decision-…". */
const lessonRef = z.string().regex(/^\d{2}-[a-z0-9-]+\/\d{2}-[a-z0-9-]+(#[^\s#]+)?$/, 'debe ser modulo/leccion o modulo/leccion#ancla');
const text = (min: number, what: string) => z.string().min(min, `escriba ${what}`);

export const INSPECTION_TYPES = ['ordinaria', 'extraordinaria'] as const;
export const MEASURE_TIMINGS = ['ninguna', 'emplazamiento', 'inmediata', 'vista'] as const;
export type MeasureTiming = (typeof MEASURE_TIMINGS)[number];

const reveal = z.object({
  id,
  label: text(3, 'la etiqueta'),
  /** What the learner reads once it is requested: the evidence or the testimony. */
  reveals: text(20, 'lo que revela (evidencia o declaración)'),
  /** Rubric: needed for sufficient evidence. */
  key: z.boolean().default(false),
  /** Rubric: why it matters (or not), shown after submission. */
  feedback: text(10, 'la retroalimentación'),
  lesson: lessonRef.optional(),
});

export const inspectionScenarioSchema = z.object({
  slug: id,
  title: text(5, 'el título'),
  /** Every practice employer is fictional, and says so. */
  fictional: z.literal(true, { error: 'los escenarios de práctica son ficticios: declare fictional: true' }),
  module: z.string().regex(/^\d{2}-[a-z0-9-]+$/, 'debe ser la carpeta de un módulo (p. ej. 10-practica-integradora)'),
  lesson: lessonRef,
  order: z.number().int().positive(),
  employer: text(5, 'la empresa ficticia'),
  place: text(3, 'el lugar'),
  /** The file the learner receives: what the office knows before the visit. */
  brief: text(40, 'el expediente inicial'),
  type: z.object({
    /** Rubric. */
    correct: z.enum(INSPECTION_TYPES, { error: 'debe ser ordinaria o extraordinaria' }),
    feedback: text(10, 'la retroalimentación'),
    lesson: lessonRef.optional(),
  }),
  documents: z.array(reveal).min(3, 'ofrezca al menos tres documentos'),
  interviews: z.array(reveal).min(2, 'ofrezca al menos dos entrevistas'),
  /** Due-process and confidentiality practices; some are wrong on purpose (expected: false). */
  checklist: z
    .array(
      z.object({
        id,
        label: text(10, 'la práctica'),
        /** Rubric: true if a compliant inspection does it; false for a bad practice (penalised). */
        expected: z.boolean(),
        area: z.enum(['debido-proceso', 'confidencialidad']),
        feedback: text(10, 'la retroalimentación'),
        lesson: lessonRef.optional(),
      }),
    )
    .min(3),
  /** The facts the learner qualifies in the acta: violations and facts that comply. */
  facts: z
    .array(
      z.object({
        id,
        text: text(20, 'el hecho'),
        /** Rubric: a violation, or a fact that complies (a distractor fact). */
        violation: z.boolean(),
        /** Rubric: accepted legal bases (any one is right). */
        basis: z.array(citation).default([]),
        /** Rubric: tempting but wrong articles for this fact (citing one is penalised). */
        distractors: z.array(citation).default([]),
        feedback: text(10, 'la retroalimentación'),
        lesson: lessonRef.optional(),
      }),
    )
    .min(3),
  /** Articles offered beyond the facts' bases and distractors (all must be in the legal index). */
  extraArticles: z.array(citation).default([]),
  measures: z
    .array(
      z.object({
        id,
        label: text(10, 'la medida'),
        /** Rubric: what a sound acta does with it. */
        expected: z.enum(MEASURE_TIMINGS),
        feedback: text(10, 'la retroalimentación'),
        lesson: lessonRef.optional(),
      }),
    )
    .min(2),
});

export type InspectionScenario = z.output<typeof inspectionScenarioSchema>;
