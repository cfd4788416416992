import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { resendPendingInvitations } from '../lib/server/accounts/cohort-invitations.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { baseUrlOf, withDomainErrors } from './errors.ts';

export const invitations = {
  /** «Reenviar todas»: a new link for each person of the cohort who has not yet activated the account. */
  resendPending: defineAction({
    accept: 'form',
    input: z.object({ cohortId: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const actor = requireRole(context.locals.user, 'coordinator', 'admin');
        const outcome = await resendPendingInvitations(getDb(), {
          cohortId: input.cohortId,
          actorId: actor.id,
          baseUrl: baseUrlOf(context),
        });
        return {
          issued: outcome.issued.map((i) => ({ fullName: i.fullName, email: i.email, link: i.link, expiresAt: i.expiresAt.toISOString() })),
          skipped: outcome.skipped,
        };
      }),
  }),
};
