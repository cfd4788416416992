import { z } from 'astro/zod';

/**
 * The shapes of the course content (content/), shared by Astro's collections and
 * `npm run content:check`, so both reject the same mistakes with the same messages.
 */

export const LESSON_KINDS = ['lectura', 'caso', 'herramienta', 'practica'] as const;
export const LAWS = [
  'CPEUM',
  'LFT',
  'LSS',
  'LFPED',
  'LGAMVLV',
  'LINFONAVIT',
  'CFF',
  'LGTAIP',
  'LOCFCRL',
  'RGITAS',
  'NOM-035',
  'T-MEC',
  'C081',
  'C087',
  'C098',
  'C111',
  'C155',
  'C187',
  'C190',
  'ACUERDO-REPSE',
] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'debe ser un slug en minúsculas con guiones (p. ej. "subcontratacion-repse")');
const hours = z
  .number({ error: 'debe ser un número de horas' })
  .positive('debe ser mayor que cero')
  .multipleOf(0.25, 'debe ser múltiplo de 0.25 h (15 minutos)');

const budgetHours = z
  .number({ error: 'debe ser un número de horas' })
  .min(0, 'no puede ser negativo')
  .multipleOf(0.25, 'debe ser múltiplo de 0.25 h (15 minutos)');

/** How a module's hours split by where they are earned (docs/decisions/014-hours-budget.md). */
export const budgetSchema = z.object(
  {
    study: budgetHours,
    live: budgetHours,
    practice: budgetHours,
    evaluation: budgetHours,
  },
  { error: 'declare budget con study, live, practice y evaluation (horas de cada fuente)' },
);
export type ModuleBudget = z.output<typeof budgetSchema>;

export const sourceSchema = z.object({
  title: z.string().min(5, 'escriba el título de la fuente'),
  url: z.url('debe ser una URL completa (https://…)').optional(),
  note: z.string().optional(),
});

export const lessonSchema = z.object({
  title: z.string().min(5, 'escriba un título de al menos 5 caracteres'),
  order: z.number().int('debe ser un entero').positive('debe ser 1 o mayor'),
  hours,
  kind: z.enum(LESSON_KINDS, { error: `debe ser uno de: ${LESSON_KINDS.join(', ')}` }),
  objectives: z
    .array(z.string().min(10, 'cada objetivo debe ser una oración completa'))
    .min(1, 'declare al menos un objetivo de aprendizaje'),
  minMinutes: z.number().int('debe ser un entero de minutos').min(0, 'no puede ser negativo'),
  sources: z.array(sourceSchema).min(1, 'cite al menos una fuente'),
  draft: z.boolean().default(false),
});
export type LessonData = z.output<typeof lessonSchema>;

export const moduleSchema = z.object({
  number: z.number().int().min(1).max(99),
  title: z.string().min(5),
  hours,
  budget: budgetSchema,
  summary: z.string().min(40, 'escriba un resumen de al menos una oración'),
  summaryEn: z.string().min(40, 'write an English summary for program staff (one sentence or more)'),
  objectives: z.array(z.string().min(10)).min(1, 'declare al menos un objetivo del módulo'),
  prerequisites: z.array(slug).default([]),
  assessment: z.string().min(3),
});
export type ModuleData = z.output<typeof moduleSchema>;

export const programSchema = z.object({
  slug,
  title: z.string().min(5),
  edition: z.string().min(1),
  institutions: z.array(z.string().min(3)).min(1),
  totalHours: hours,
  modules: z.array(slug).min(1),
  certificate: z.object({
    hoursRequired: hours,
    quizPassMark: z.number().min(0).max(1),
    attendanceShare: z.number().min(0).max(1),
    /** The folio's prefix: `DIF` makes `DIF-2026-00042` (issue 14). */
    folioPrefix: z.string().regex(/^[A-Z]{2,8}$/, 'el prefijo del folio son de 2 a 8 letras mayúsculas, p. ej. DIF'),
    /** Who signs the certificate, in print order. */
    signatories: z
      .array(
        z.object({
          name: z.string().min(3),
          title: z.string().min(3),
          institution: z.string().min(3),
          /** An optional PNG of the signature, relative to content/. */
          signatureImage: z.string().min(1).optional(),
        }),
      )
      .min(1, 'declare al menos una persona que firma la constancia')
      .max(4, 'la constancia tiene espacio para cuatro firmas como máximo'),
  }),
});
export type ProgramData = z.output<typeof programSchema>;

export const glossaryEntrySchema = z.object({
  id: slug,
  term: z.string().min(2),
  en: z.string().min(2),
  definition: z.string().min(20, 'la definición debe ser una oración completa'),
});
export const glossarySchema = z.array(glossaryEntrySchema);
export type GlossaryEntry = z.output<typeof glossaryEntrySchema>;
