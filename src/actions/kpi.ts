import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { PRACTICE_ROLES } from '../lib/server/practice/learner-enrollment.ts';
import { submitKpiAttempt } from '../lib/server/practice/kpi-attempts.ts';
import { getKpiDataset } from '../lib/server/practice/kpi-data.ts';
import { getPublicKpiQuestions } from '../lib/server/practice/kpi-exercise.ts';
import { withDomainErrors } from './errors.ts';

/** Every question is optional: an unanswered one scores zero and is explained like the rest. */
const answers = z.object(Object.fromEntries(getPublicKpiQuestions().map((q) => [q.id, z.string().max(200).optional()])));

export const kpi = {
  /** Scores a reading of the practice dashboard on the server (issue 15). */
  submit: defineAction({
    accept: 'form',
    input: answers,
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        const given = Object.fromEntries(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'));
        const { id, score, maxScore } = submitKpiAttempt(getDb(), getKpiDataset(), { userId: user.id, answers: given });
        return { id, score, maxScore };
      }),
  }),
};
