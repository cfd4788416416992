import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { t } from '../../../i18n/index.ts';
import { siteOrigins } from '../../../lib/server/auth/same-origin.ts';
import { loadLearnerPath, requireLearnerLesson } from '../../../lib/server/course/learner-path.ts';
import { getDb } from '../../../lib/server/db.ts';
import { DomainError } from '../../../lib/server/errors.ts';
import { syncOfflineProgress } from '../../../lib/server/progress/offline-sync.ts';

/** A day of beats every 30 s is 2,880; more than this is not a phone's queue. */
const MAX_BEATS = 5000;
const MAX_COMPLETIONS = 200;
const NOT_JSON = Symbol('not JSON');
const lessonId = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, t('offline.sync.badLesson'));
const input = z.object({
  userId: z.number().int().positive(),
  beats: z
    .array(z.object({ lessonId, at: z.number().int().positive() }), t('offline.sync.badBatch'))
    .max(MAX_BEATS, t('offline.sync.tooLarge')),
  completions: z.array(z.object({ lessonId }), t('offline.sync.badBatch')).max(MAX_COMPLETIONS, t('offline.sync.tooLarge')),
});

/**
 * The queue a lesson page kept while offline: beats (lesson and the phone's instant) and
 * completions, credited under the same rules as online (lib/server/progress/offline-sync.ts).
 * JSON POSTs are not covered by the middleware's origin check, so the Origin is checked here; the
 * middleware has already required a signed-in inspector. Answers, per lesson, what was accepted.
 */
export const POST: APIRoute = async ({ request, locals, url }) => {
  const origin = request.headers.get('origin');
  if (origin && !siteOrigins(url).includes(origin)) return answer({ error: t('http.crossSite') }, 403);
  const body: unknown = await request.json().catch(() => NOT_JSON);
  if (body === NOT_JSON) return answer({ error: t('http.notJson') }, 400);
  const parsed = input.safeParse(body);
  if (!parsed.success) return answer({ error: parsed.error.issues[0]?.message ?? t('offline.sync.badBatch') }, 400);
  const db = getDb();
  const user = locals.user!;
  const path = await loadLearnerPath(db, user);
  try {
    const result = syncOfflineProgress(db, {
      userId: user.id,
      queueUserId: parsed.data.userId,
      beats: parsed.data.beats.map((b) => ({ lessonId: b.lessonId, at: new Date(b.at) })),
      completions: parsed.data.completions,
      lessonFor: (id) => requireLearnerLesson(path, id),
    });
    return answer(result, 200);
  } catch (error) {
    if (error instanceof DomainError) return answer({ error: t(error.code, error.params) }, 403);
    throw error;
  }
};

function answer(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
