import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { calendarDateSchema, textSchema } from './text.ts';

export const COHORT_NAME_MAX = 120;

export const cohortSchema = z
  .object({
    name: textSchema({ min: 3, max: COHORT_NAME_MAX }),
    startsOn: calendarDateSchema,
    endsOn: calendarDateSchema,
    instructorIds: z.array(z.coerce.number(t('cohort.instructors.invalid')).int().positive()).default([]),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: t('cohort.endsBeforeStart'), path: ['endsOn'] });
