import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { loadLearnerPath } from '../../lib/server/course/learner-path.ts';
import { getDb } from '../../lib/server/db.ts';
import { recordHeartbeat } from '../../lib/server/progress/engagement.ts';

const input = z.object({ lessonId: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/) });

/**
 * A heartbeat from an open lesson. JSON POSTs are not covered by Astro's origin check, so the
 * Origin is checked here; the middleware has already required a signed-in inspector.
 */
export const POST: APIRoute = async ({ request, locals, url }) => {
  const origin = request.headers.get('origin');
  if (origin && origin !== url.origin) return new Response(null, { status: 403 });
  const parsed = input.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response(null, { status: 400 });
  const db = getDb();
  const path = await loadLearnerPath(db, locals.user!);
  const [moduleSlug] = parsed.data.lessonId.split('/') as [string];
  const module = path.modules.find((m) => m.slug === moduleSlug);
  const lesson = module?.lessons.find((l) => l.id === parsed.data.lessonId);
  if (path.access.kind !== 'learner' || !module || !lesson || path.standings.get(moduleSlug)?.locked) {
    return new Response(null, { status: 403 });
  }
  const engagedSeconds = recordHeartbeat(db, {
    userId: locals.user!.id,
    programSlug: path.catalog.program.slug,
    moduleSlug,
    lessonId: lesson.id,
  });
  return Response.json({ engagedSeconds }, { headers: { 'Cache-Control': 'no-store' } });
};
