import type { APIRoute } from 'astro';
import { loadLearnerPath } from '../../../../../lib/server/course/learner-path.ts';
import { getDb } from '../../../../../lib/server/db.ts';
import { readQuizMedia } from '../../../../../lib/server/quizzes/quiz-media.ts';

/**
 * An image of a module's quiz (quiz-media.ts), for whoever may open the module: its learners and
 * the staff. An SVG is served as an image that can run nothing.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const user = locals.user;
  if (!user) return new Response(null, { status: 404 });
  const path = await loadLearnerPath(getDb(), user);
  const moduleSlug = params.modulo ?? '';
  if (path.access.kind === 'none' || !path.modules.some((m) => m.slug === moduleSlug)) return new Response(null, { status: 404 });
  const media = readQuizMedia(moduleSlug, params.archivo ?? '');
  if (!media) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(media.bytes), {
    headers: {
      'Content-Type': media.type,
      'Cache-Control': 'private, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
};
