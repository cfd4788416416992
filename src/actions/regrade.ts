import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getAllQuizzes } from '../lib/server/course/catalog.ts';
import { getDb } from '../lib/server/db.ts';
import { DomainError } from '../lib/server/errors.ts';
import { regradeQuiz } from '../lib/server/quizzes/regrade.ts';
import { withDomainErrors } from './errors.ts';

export const regrade = {
  /**
   * Regrades a module's attempts with its current quiz (the one built from quiz.yaml). `version` is
   * the one the preview showed: if the quiz changed since, nothing is regraded. Whose attempts
   * the person may regrade is the domain's rule (quizzes/regrade.ts, cohorts/teaching.ts).
   */
  confirm: defineAction({
    accept: 'form',
    input: z.object({ moduleSlug: z.string().min(3).max(100), version: z.string().regex(/^[0-9a-f]{64}$/) }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const user = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        const entry = (await getAllQuizzes()).find((q) => q.moduleSlug === input.moduleSlug);
        if (!entry) throw new DomainError('quiz.notFound', {}, 'not-found');
        return regradeQuiz(getDb(), { moduleSlug: entry.moduleSlug, quiz: entry.quiz, actorId: user.id, expectedVersion: input.version });
      }),
  }),
};
