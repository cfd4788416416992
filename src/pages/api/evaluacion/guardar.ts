import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/server/db.ts';
import { DomainError } from '../../../lib/server/errors.ts';
import { getAttempt, saveResponses } from '../../../lib/server/quizzes/attempts.ts';
import { attemptAnswersFromForm } from '../../../lib/server/quizzes/form.ts';
import { t } from '../../../i18n/index.ts';

/**
 * Autosave of an attempt's form. A form POST, so Astro's origin check covers it; the middleware
 * requires a signed-in inspector, and the attempt must be theirs and open.
 */
export const POST: APIRoute = async ({ request, locals }) => {
  const form = await request.formData().catch(() => null);
  const attemptId = Number(form?.get('attemptId'));
  const db = getDb();
  const attempt = Number.isInteger(attemptId) ? getAttempt(db, attemptId) : null;
  if (!form || !attempt || attempt.userId !== locals.user?.id) return Response.json({ error: t('quiz.notFound') }, { status: 404 });
  try {
    const { savedAt } = saveResponses(db, { attemptId, userId: attempt.userId, answers: attemptAnswersFromForm(attempt, form) });
    return Response.json({ savedAt: savedAt.toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: t(error.code, error.params) }, { status: 409 });
    throw error;
  }
};
