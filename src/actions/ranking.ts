import { defineAction } from 'astro:actions';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { PRACTICE_ROLES } from '../lib/server/practice/learner-enrollment.ts';
import { reviewPracticeAttempt } from '../lib/server/practice/attempt-review.ts';
import { picksFromForm, saveRankingDraft, submitRanking } from '../lib/server/tools/risk-ranking.ts';
import { practiceReviewSchema } from '../lib/validation/practice-review.ts';
import { withDomainErrors } from './errors.ts';

/** The risk targeting exercise (issue 15): the ranking form, saved as typed and scored on the server. */
export const ranking = {
  save: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        // Only the id goes back: the attempt's data set stays on the server.
        return { attemptId: saveRankingDraft(getDb(), user.id, picksFromForm(form)).attemptId };
      }),
  }),

  submit: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        return submitRanking(getDb(), user.id, picksFromForm(form));
      }),
  }),

  /** An instructor of the learner's cohort, coordination or administration comments on a submitted ranking. */
  review: defineAction({
    accept: 'form',
    input: practiceReviewSchema,
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        reviewPracticeAttempt(getDb(), { reviewerId: user.id, attemptId: input.attemptId, kind: 'ranking', comment: input.comment });
        return { reviewed: true };
      }),
  }),
};
