import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { createCohort, updateCohort } from '../lib/server/cohorts/cohorts.ts';
import { getDb } from '../lib/server/db.ts';
import { cohortSchema } from '../lib/validation/cohort.ts';
import { withDomainErrors } from './errors.ts';

export const cohorts = {
  create: defineAction({
    accept: 'form',
    input: cohortSchema,
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        return createCohort(getDb(), { ...input, actorId: actor.id });
      }),
  }),

  update: defineAction({
    accept: 'form',
    // `safeExtend`, not `.and()`: Astro maps form fields only onto an object schema; an intersection gets raw FormData.
    input: cohortSchema.safeExtend({ id: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        updateCohort(getDb(), { ...input, actorId: actor.id });
        return { id: input.id };
      }),
  }),
};
