import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';

/** The ledger's budgets (db/schema/hours.ts `HOUR_BUDGETS`; src/lib does not import db). */
export const HOUR_BUDGETS = ['study', 'live', 'practice', 'evaluation'] as const;

/** Hours are entered in quarters (0.25 h = 15 minutes), the step the ledger's corrections use. */
const quarters = (value: number) => Number.isFinite(value) && Math.abs(value * 4 - Math.round(value * 4)) < 1e-9;

/** "1.5", "-0.25" or "1,5" as minutes; refuses anything not a multiple of 0.25 h. */
const hoursField = (message: string, positive: boolean) =>
  z
    .string({ error: message })
    .trim()
    .transform((raw) => Number(raw.replace(',', '.')))
    .refine((h) => quarters(h) && h !== 0 && (!positive || h > 0) && Math.abs(h) <= 200, { message })
    .transform((h) => Math.round(h * 60));

export const adjustmentSchema = z.object({
  userId: z.coerce.number().int().positive(),
  moduleSlug: z.string({ error: t('hours.module.unknown') }).min(1, t('hours.module.unknown')),
  budget: z.enum(HOUR_BUDGETS, { error: t('hours.budget.unknown') }),
  hours: hoursField(t('hours.validation.hours'), false),
  reason: z
    .string({ error: t('hours.reasonRequired') })
    .trim()
    .min(3, t('hours.reasonRequired'))
    .max(500),
});

export const reversalSchema = z.object({
  entryId: z.coerce.number().int().positive(),
  reason: z
    .string({ error: t('hours.reasonRequired') })
    .trim()
    .min(3, t('hours.reasonRequired'))
    .max(500),
});

export const practiceSchema = z.object({
  userId: z.coerce.number().int().positive(),
  cohortId: z.coerce.number().int().positive(),
  moduleSlug: z.string({ error: t('hours.module.unknown') }).min(1, t('hours.module.unknown')),
  practicedOn: z.string({ error: t('hours.validation.date') }).regex(/^\d{4}-\d{2}-\d{2}$/, t('hours.validation.date')),
  hours: hoursField(t('hours.validation.positiveHours'), true),
  rubricScore: z
    .string()
    .trim()
    // An empty number input arrives as null from Astro's form parsing, or as ''.
    .nullish()
    .transform((v) => (v ? Number(v.replace(',', '.')) : null))
    .refine((v) => v === null || (Number.isFinite(v) && v >= 0 && v <= 100), { message: t('hours.validation.rubric') }),
  evidenceNote: z
    .string({ error: t('hours.practice.evidenceRequired') })
    .trim()
    .min(3, t('hours.practice.evidenceRequired'))
    .max(2000),
});
