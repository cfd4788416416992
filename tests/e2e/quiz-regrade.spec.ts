import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { certificates } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { formatLongDate, formatNumber } from '../../src/lib/format.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { drawAttempt } from '../../src/lib/server/quizzes/draw.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import type { Response } from '../../src/lib/server/quizzes/grading.ts';
import { type PublicResponse, toPublicQuestion, toPublicResponse } from '../../src/lib/server/quizzes/public-view.ts';
import { completeProgram, loadCertificateContext } from '../certificate-helpers.ts';
import { keyValue } from '../quiz-keys.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * Issue 16: a key corrected in quiz.yaml, then regraded. The server's quiz is module 1's
 * quiz.yaml as it stands; the attempt is taken on an earlier version of it that had one key
 * wrong (a wrong option of a drawn question marked right), stored as any attempt's version is.
 */
const MODULE = '01-fundamentos-inspeccion';
const current: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
/** Shuffling with 0.999 swaps nothing: the draw takes the first questions of each pool. */
const KEEP_ORDER = () => 0.999;
const drawnIds = new Set(drawAttempt(current, KEEP_ORDER).questions.map((q) => q.id));
const flipped = current.pools.flatMap((p) => p.questions).find((q) => q.type === 'single' && drawnIds.has(q.id));
if (flipped?.type !== 'single') throw new Error(`module 1 draws no single-choice question`);
const wrongOption = flipped.options.find((o) => !o.correct);
if (!wrongOption) throw new Error(`question ${flipped.id} has no wrong option`);
const wrongKey: Quiz = {
  ...current,
  pools: current.pools.map((p) => ({
    ...p,
    questions: p.questions.map((q) =>
      q.id === flipped.id && q.type === 'single'
        ? { ...q, options: q.options.map((o) => ({ ...o, correct: o.id === wrongOption.id })) }
        : q,
    ),
  })),
};

/**
 * The learner answers the flipped question with the option the wrong key marked right and, when
 * `passing`, just enough other questions right (in full) to pass with it and fail without it,
 * so the correction reverses the pass.
 */
function attemptOnTheWrongKey(userId: number, cohortId: number, passing = false): { attemptId: number; maxScore: number } {
  const db = e2eDb();
  const { attemptId } = startAttempt(db, {
    userId,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: MODULE,
    quiz: wrongKey,
    cohortId,
    random: KEEP_ORDER,
  });
  const attempt = getAttempt(db, attemptId);
  const slot = attempt?.layout.questions.find((s) => s.id === flipped?.id);
  const question = attempt?.quiz.pools.flatMap((p) => p.questions).find((q) => q.id === flipped?.id);
  if (!attempt || !slot || !question) throw new Error('the flipped question was not drawn');
  const shown = toPublicQuestion(question, slot);
  const choice = shown.type === 'single' ? shown.options.find((o) => o.text === wrongOption?.text)?.id : undefined;
  const answers: Record<string, PublicResponse | null> = { [slot.id]: { type: 'single', choice: choice ?? null } };
  if (passing) {
    const needed = wrongKey.passingScore * attempt.maxScore;
    const drawn = attempt.layout.questions
      .map((s) => ({ slot: s, q: attempt.quiz.pools.flatMap((p) => p.questions).find((x) => x.id === s.id) }))
      .filter((d) => d.q && d.q.id !== question.id)
      .sort((a, b) => (a.q?.points ?? 0) - (b.q?.points ?? 0));
    let others = 0;
    for (const { slot: s, q } of drawn) {
      if (!q || others + question.points >= needed) break;
      // Others stay below the passing score by themselves: the pass rests on the flipped key.
      if (others + q.points >= needed) continue;
      const right: Response | null =
        q.type === 'single'
          ? { type: 'single', optionId: q.options.find((o) => o.correct)?.id ?? null }
          : q.type === 'truefalse'
            ? { type: 'truefalse', value: q.answer }
            : q.type === 'multiple'
              ? { type: 'multiple', optionIds: q.options.filter((o) => o.correct).map((o) => o.id) }
              : q.type === 'matching'
                ? { type: 'matching', matches: Object.fromEntries(q.pairs.map((_pair, i) => [String(i), `r${i}`])) }
                : q.type === 'ordering'
                  ? { type: 'ordering', order: q.items.map((_item, i) => i) }
                  : q.type === 'numeric'
                    ? { type: 'numeric', value: keyValue(q) }
                    : null;
      if (!right) continue;
      answers[s.id] = toPublicResponse(q, s, right);
      others += q.points;
    }
    if (others + question.points < needed || others >= needed) throw new Error('cannot arrange a pass that rests on the flipped key');
  }
  saveResponses(db, { attemptId, userId, answers: answers as Record<string, PublicResponse> });
  submitAttempt(db, { attemptId, userId });
  return { attemptId, maxScore: attempt.maxScore };
}

test('instructor previews a regrade after a key correction, confirms it, and the learner sees it on the review', async ({
  page,
  browser,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const { attemptId, maxScore } = attemptOnTheWrongKey(learner.id, cohort.id);
  expect(getAttempt(e2eDb(), attemptId)?.score).toBe(flipped.points);

  await page.goto(`/instructor/evaluaciones/${MODULE}`);
  await page.getByRole('link', { name: t('regrade.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${t('regrade.title')}: ${current.title}` })).toBeVisible();
  await expect(page.getByText(flipped.prompt)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(learner.fullName) });
  await expect(row).toContainText(
    t('regrade.score', { before: formatNumber(flipped.points), after: formatNumber(0), max: formatNumber(maxScore) }),
  );
  await expectNoAxeViolations(page);

  // Previewing wrote nothing.
  expect(getAttempt(e2eDb(), attemptId)?.score).toBe(flipped.points);
  await page.getByRole('button', { name: t('regrade.confirm.one') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('regrade.done', { regraded: 1, changed: 1 }) })).toBeVisible();
  await expect(page.getByText(t('regrade.questions.none'))).toBeVisible();
  expect(getAttempt(e2eDb(), attemptId)?.score).toBe(0);
  await page.goto(`/generaciones/${cohort.id}/intentos/${attemptId}`);
  await expect(page.getByText(/^Recalificado el .* \(antes .*, ahora 0 de/)).toBeVisible();

  const learnerContext = await browser.newContext();
  await signIn(learnerContext, learner);
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(`/diplomado/${MODULE}/evaluacion/${attemptId}`);
  await expect(learnerPage.getByText(/Recalificado el .* \(antes .*, ahora 0 de/)).toBeVisible();
  await expect(learnerPage.getByText(/Recalificada el .* \(antes .*, ahora 0 de/)).toBeVisible();
  await learnerPage.goto(`/diplomado/${MODULE}/evaluacion`);
  await expect(learnerPage.getByRole('row', { name: new RegExp(t('quiz.attemptN', { number: 1 })) })).toContainText(
    t('quiz.regraded.badge'),
  );
  await learnerContext.close();
});

test('an instructor sees no attempt of a learner of a cohort they do not teach', async ({ page, signInAs }) => {
  await signInAs('instructor');
  const colleague = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [colleague.id], inspectorIds: [learner.id] });
  attemptOnTheWrongKey(learner.id, cohort.id);
  await page.goto(`/instructor/evaluaciones/${MODULE}/recalificar`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(learner.fullName) })).toHaveCount(0);
});

test('coordination regrades a pass a certificate rests on, and sees the unchanged certificate flagged for review', async ({
  page,
  signInAs,
}) => {
  const context = loadCertificateContext();
  const db = e2eDb();
  syncHourBudgets(db, context.plan);
  const coordinator = await signInAs('coordinator');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  completeProgram(db, context, { userId: learner.id, actorId: coordinator.id, skipQuizzes: [MODULE] });
  attemptOnTheWrongKey(learner.id, cohort.id, true);

  await page.goto(`/coordinacion/generaciones/${cohort.id}/constancias`);
  await page.getByRole('button', { name: new RegExp(`${t('certificates.issueOne')}.*${learner.fullName}`) }).click();
  const issued = () => db.select().from(certificates).where(eq(certificates.userId, learner.id)).all();
  await expect.poll(() => issued().length).toBe(1);
  const before = issued();

  await page.goto('/coordinacion');
  await page.getByRole('link', { name: t('regrade.title') }).click();
  await page.getByRole('link', { name: new RegExp(`^${t('module.label', { number: 1 })}:`) }).click();
  await expect(page.getByRole('row', { name: new RegExp(learner.fullName) })).toContainText(t('regrade.module.reversed'));
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /^Recalificar \d+ intentos?$/ }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Recalificación terminada/ })).toBeVisible();

  await page.goto(`/coordinacion/generaciones/${cohort.id}/constancias`);
  const flag = t('certificates.regradeFlag', { date: formatLongDate(new Date()), number: 1 });
  await expect(
    page
      .getByRole('row', { name: new RegExp(learner.fullName) })
      .first()
      .getByText(flag, { exact: true }),
  ).toBeVisible();
  await expect(page.getByText(t('certificates.regradeFlag.summary.one'))).toBeVisible();
  await expectNoAxeViolations(page);
  expect(issued()).toEqual(before);
});

test('an inspector can open neither regrade page nor post a regrade', async ({ page, signInAs }) => {
  await signInAs('inspector');
  expect((await page.goto(`/instructor/evaluaciones/${MODULE}/recalificar`))?.status()).toBe(403);
  expect((await page.goto(`/coordinacion/recalificar/${MODULE}`))?.status()).toBe(403);
  const posted = await page.request.post('/_actions/regrade.confirm', {
    form: { moduleSlug: MODULE, version: 'a'.repeat(64) },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(posted.status()).toBe(403);
});
