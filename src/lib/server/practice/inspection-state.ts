import { z } from 'astro/zod';
import { INSPECTION_TYPES, type InspectionScenario, MEASURE_TIMINGS, type MeasureTiming } from '../../content/inspection-schema.ts';
import { DomainError } from '../errors.ts';
import { articleOptions } from './inspection-content.ts';

/** The steps of a practice inspection, in order; each is one server-rendered form. */
export const INSPECTION_STEPS = ['tipo', 'documentos', 'entrevistas', 'lista', 'hallazgos', 'medidas', 'enviar'] as const;
export type InspectionStep = (typeof INSPECTION_STEPS)[number];

export type Verdict = '' | 'violacion' | 'cumple';

/** A learner's choices so far, saved as JSON in practice_attempts.state. */
export interface InspectionState {
  step: InspectionStep;
  type: (typeof INSPECTION_TYPES)[number] | null;
  documents: string[];
  interviews: string[];
  checklist: string[];
  findings: Record<string, { verdict: Verdict; bases: string[] }>;
  measures: Record<string, MeasureTiming>;
}

export function emptyInspectionState(): InspectionState {
  return { step: 'tipo', type: null, documents: [], interviews: [], checklist: [], findings: {}, measures: {} };
}

export function readInspectionState(json: string): InspectionState {
  const parsed = JSON.parse(json) as Partial<InspectionState>;
  return { ...emptyInspectionState(), ...parsed };
}

export function isStep(value: unknown): value is InspectionStep {
  return typeof value === 'string' && (INSPECTION_STEPS as readonly string[]).includes(value);
}

export function nextStep(step: InspectionStep): InspectionStep {
  return INSPECTION_STEPS[Math.min(INSPECTION_STEPS.indexOf(step) + 1, INSPECTION_STEPS.length - 1)] as InspectionStep;
}

export function previousStep(step: InspectionStep): InspectionStep {
  return INSPECTION_STEPS[Math.max(INSPECTION_STEPS.indexOf(step) - 1, 0)] as InspectionStep;
}

const all = (form: FormData, name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));

const stepSchemas = {
  tipo: z.object({ type: z.enum(INSPECTION_TYPES, { error: 'Elija el tipo de inspección: ordinaria o extraordinaria.' }) }),
  ids: z.array(z.string().max(80)).max(100, 'Demasiadas opciones marcadas.'),
  findings: z
    .array(
      z.object({
        fact: z.string(),
        verdict: z.enum(['', 'violacion', 'cumple'], { error: 'Califique cada hecho.' }),
        bases: z.array(z.string()),
      }),
    )
    .max(100),
  measures: z
    .array(z.object({ measure: z.string(), timing: z.enum(MEASURE_TIMINGS, { error: 'Elija qué hacer con cada medida.' }) }))
    .max(100),
};

/**
 * Applies one step's form to the state, accepting only ids the scenario offers (anything else is
 * dropped, never stored). Throws a DomainError with a Spanish message when the form is invalid.
 */
export function applyStepForm(s: InspectionScenario, state: InspectionState, step: InspectionStep, form: FormData): InspectionState {
  const next = structuredClone(state);
  const known = (ids: string[], items: { id: string }[]) => {
    const parsed = stepSchemas.ids.safeParse(ids);
    if (!parsed.success) throw new DomainError('inspection.invalidForm', {}, 'invalid');
    const allowed = new Set(items.map((i) => i.id));
    return [...new Set(parsed.data.filter((id) => allowed.has(id)))];
  };
  switch (step) {
    case 'tipo': {
      const parsed = stepSchemas.tipo.safeParse({ type: form.get('type') ?? undefined });
      if (!parsed.success) throw new DomainError('inspection.chooseType', {}, 'invalid');
      next.type = parsed.data.type;
      break;
    }
    case 'documentos':
      next.documents = known(all(form, 'documents'), s.documents);
      break;
    case 'entrevistas':
      next.interviews = known(all(form, 'interviews'), s.interviews);
      break;
    case 'lista':
      next.checklist = known(all(form, 'checklist'), s.checklist);
      break;
    case 'hallazgos': {
      const facts = all(form, 'fact');
      const verdicts = all(form, 'verdict');
      const first = all(form, 'basis1');
      const second = all(form, 'basis2');
      const parsed = stepSchemas.findings.safeParse(
        facts.map((fact, i) => ({ fact, verdict: verdicts[i] ?? '', bases: [first[i] ?? '', second[i] ?? ''] })),
      );
      if (!parsed.success) throw new DomainError('inspection.invalidForm', {}, 'invalid');
      const articles = new Set(articleOptions(s).map((a) => a.value));
      const factIds = new Set(s.facts.map((f) => f.id));
      for (const f of parsed.data) {
        if (!factIds.has(f.fact)) continue;
        next.findings[f.fact] = { verdict: f.verdict, bases: [...new Set(f.bases.filter((b) => articles.has(b)))] };
      }
      break;
    }
    case 'medidas': {
      const ids = all(form, 'measure');
      const timings = all(form, 'timing');
      const parsed = stepSchemas.measures.safeParse(ids.map((measure, i) => ({ measure, timing: timings[i] ?? 'ninguna' })));
      if (!parsed.success) throw new DomainError('inspection.invalidForm', {}, 'invalid');
      const measureIds = new Set(s.measures.map((m) => m.id));
      for (const m of parsed.data) if (measureIds.has(m.measure)) next.measures[m.measure] = m.timing;
      break;
    }
    case 'enviar':
      break;
  }
  return next;
}
