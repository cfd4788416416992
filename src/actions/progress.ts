import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { loadLearnerPath } from '../lib/server/course/learner-path.ts';
import { getDb } from '../lib/server/db.ts';
import { DomainError } from '../lib/server/errors.ts';
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
        const path = await loadLearnerPath(db, user);
        const moduleSlug = input.lessonId.split('/')[0] ?? '';
        const module = path.modules.find((m) => m.slug === moduleSlug);
        const lesson = module?.lessons.find((l) => l.id === input.lessonId);
        if (path.access.kind !== 'learner' || !module || !lesson) throw new DomainError('progress.notAvailable', {}, 'forbidden');
        if (path.standings.get(moduleSlug)?.locked) throw new DomainError('progress.locked', {}, 'forbidden');
        const { completedAt } = completeLesson(db, {
          userId: user.id,
          programSlug: path.catalog.program.slug,
          moduleSlug,
          lessonId: lesson.id,
          minMinutes: lesson.minMinutes,
        });
        return { completedAt: completedAt.toISOString() };
      }),
  }),
};
