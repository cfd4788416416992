import { defineAction } from 'astro:actions';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { picksFromForm, saveRankingDraft, submitRanking } from '../lib/server/tools/risk-ranking.ts';
import { withDomainErrors } from './errors.ts';

/** The risk targeting exercise (issue 15): the ranking form, saved as typed and scored on the server. */
export const ranking = {
  save: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'inspector');
        return saveRankingDraft(getDb(), user.id, picksFromForm(form));
      }),
  }),

  submit: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'inspector');
        return submitRanking(getDb(), user.id, picksFromForm(form));
      }),
  }),
};
