import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';

const isoDate = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), t('form.date.invalid'));

export const cohortSchema = z
  .object({
    name: z.string().trim().min(3, t('form.required')).max(120),
    startsOn: isoDate,
    endsOn: isoDate,
    instructorIds: z.array(z.coerce.number().int().positive()).default([]),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: t('cohort.endsBeforeStart'), path: ['endsOn'] });
