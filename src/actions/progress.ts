import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { loadLearnerPath, requireLearnerLesson } from '../lib/server/course/learner-path.ts';
import { getDb } from '../lib/server/db.ts';
import { completeLesson } from '../lib/server/progress/engagement.ts';
import { withDomainErrors } from './errors.ts';

export const progress = {
  complete: defineAction({
    accept: 'form',
    input: z.object({ lessonId: z.string().min(3) }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const user = requireRole(context.locals.user, 'inspector');
        const db = getDb();
        const { module, lesson, programSlug } = requireLearnerLesson(await loadLearnerPath(db, user), input.lessonId);
        const { completedAt } = completeLesson(db, {
          userId: user.id,
          programSlug,
          moduleSlug: module.slug,
          lessonId: lesson.id,
          minMinutes: lesson.minMinutes,
          hours: lesson.hours,
        });
        return { completedAt: completedAt.toISOString() };
      }),
  }),
};
