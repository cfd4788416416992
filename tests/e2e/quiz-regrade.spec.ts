import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { t } from '../../src/i18n/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { formatNumber } from '../../src/lib/format.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { drawAttempt } from '../../src/lib/server/quizzes/draw.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
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

/** The learner answers only the flipped question, with the option the wrong key marked right. */
function attemptOnTheWrongKey(userId: number, cohortId: number): { attemptId: number; maxScore: number } {
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
  saveResponses(db, { attemptId, userId, answers: { [slot.id]: { type: 'single', choice: choice ?? null } } });
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

  const learnerContext = await browser.newContext();
  await signIn(learnerContext, learner);
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(`/diplomado/${MODULE}/evaluacion/${attemptId}`);
  await expect(learnerPage.getByText(/Recalificado el .* \(antes .*, ahora 0 de/)).toBeVisible();
  await expect(learnerPage.getByText(/Recalificada el .* \(antes .*, ahora 0 de/)).toBeVisible();
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
