import { defineAction } from 'astro:actions';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { adjustHours, reverseCredit } from '../lib/server/hours/corrections.ts';
import { recordFieldPractice } from '../lib/server/hours/field-practice.ts';
import { getHoursPlan } from '../lib/server/hours/server-plan.ts';
import { adjustmentSchema, practiceSchema, reversalSchema } from '../lib/validation/hours.ts';
import { withDomainErrors } from './errors.ts';

/**
 * Writes to a person's hours: manual adjustments and reversals (coordination), field practice
 * (the cohort's instructors and coordination). Who may act on whom is the domain's check
 * (hours/ledger-access.ts, decision 015), inside each write's transaction.
 */
export const hours = {
  adjust: defineAction({
    accept: 'form',
    input: adjustmentSchema,
    handler: (input, { locals }) =>
      withDomainErrors(async () => {
        const actor = requireRole(locals.user, 'coordinator', 'admin');
        const { hours: minutes, ...rest } = input;
        return adjustHours(getDb(), await getHoursPlan(), { ...rest, minutes, actorId: actor.id });
      }),
  }),

  reverse: defineAction({
    accept: 'form',
    input: reversalSchema,
    handler: (input, { locals }) =>
      withDomainErrors(() => {
        const actor = requireRole(locals.user, 'coordinator', 'admin');
        return reverseCredit(getDb(), { ...input, actorId: actor.id });
      }),
  }),

  recordPractice: defineAction({
    accept: 'form',
    input: practiceSchema,
    handler: (input, { locals }) =>
      withDomainErrors(async () => {
        const actor = requireRole(locals.user, 'instructor', 'coordinator', 'admin');
        const { hours: minutes, ...rest } = input;
        return recordFieldPractice(getDb(), await getHoursPlan(), { ...rest, minutes, actorId: actor.id });
      }),
  }),
};
