import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { loadLearnerPath, requireLearnerLesson } from '../../lib/server/course/learner-path.ts';
import { siteOrigins } from '../../lib/server/auth/same-origin.ts';
import { DomainError } from '../../lib/server/errors.ts';
import { getDb } from '../../lib/server/db.ts';
import { recordHeartbeat } from '../../lib/server/progress/engagement.ts';

const input = z.object({ lessonId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/) });

/**
 * A heartbeat from an open lesson. JSON POSTs are not covered by Astro's origin check, so the
 * Origin is checked here; the middleware has already required a signed-in inspector.
 */
export const POST: APIRoute = async ({ request, locals, url }) => {
  const origin = request.headers.get('origin');
  // Behind a proxy the browser sends PUBLIC_URL's origin, not the one Astro sees (same-origin.ts).
  if (origin && !siteOrigins(url).includes(origin)) return new Response(null, { status: 403 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response(null, { status: 400 });
  const db = getDb();
  let target: ReturnType<typeof requireLearnerLesson>;
  try {
    target = requireLearnerLesson(await loadLearnerPath(db, locals.user!), parsed.data.lessonId);
  } catch (error) {
    if (error instanceof DomainError) return new Response(null, { status: 403 });
    throw error;
  }
  const engagedSeconds = recordHeartbeat(db, {
    userId: locals.user!.id,
    programSlug: target.programSlug,
    moduleSlug: target.module.slug,
    lessonId: target.lesson.id,
  });
  return Response.json({ engagedSeconds }, { headers: { 'Cache-Control': 'no-store' } });
};
