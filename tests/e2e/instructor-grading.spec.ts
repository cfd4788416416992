import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { t } from '../../src/i18n/index.ts';
import { withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '02-reforma-laboral-2019';
const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const essayPool = quiz.pools.find((p) => p.questions.some((q) => q.type === 'essay'));

/** A learner's submitted attempt with an essay answer, as if taken in the browser; its grading page. */
function submittedAttemptWithEssay(userId: number, cohortId: number): string {
  const db = e2eDb();
  const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE, quiz, cohortId });
  const essay = essayPool?.questions.find((q) => q.type === 'essay');
  if (!essay) throw new Error('module 2 quiz has no essay');
  saveResponses(db, {
    attemptId,
    userId,
    answers: { [essay.id]: { type: 'essay', text: 'La asamblea fue vigilada por el gerente; hay injerencia (LFT, art. 133, fr. V).' } },
  });
  submitAttempt(db, { attemptId, userId });
  return `/instructor/calificar/${attemptId}/${essay.id}`;
}

test('instructor grades an essay from the queue against its rubric, sees the gradebook and exports it', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  submittedAttemptWithEssay(learner.id, cohort.id);

  await page.goto('/instructor');
  await page.getByRole('link', { name: new RegExp(t('essays.title')) }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('essays.title') })).toBeVisible();
  await page.getByRole('link', { name: new RegExp(`${t('essays.grade')}.*${learner.fullName}`) }).click();
  await expect(page.getByText('hay injerencia')).toBeVisible();
  await expectNoAxeViolations(page);
  for (const group of await page.locator('form fieldset').all()) await group.locator('input[type=radio]').last().check();
  await page.getByLabel(t('essays.comment')).fill('Buen fundamento; precise los hechos.');
  await page.getByRole('button', { name: t('essays.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('essays.done') })).toBeVisible();
  await expect(page.getByText(t('essays.empty'))).toBeVisible();

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  await expect(page.getByRole('rowheader', { name: learner.fullName })).toBeVisible();
  await expectNoAxeViolations(page);
  const csv = await page.request.get(`/generaciones/${cohort.id}/calificaciones.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(learner.fullName);
});

test('instructor cannot grade, see the gradebook of, or export a cohort they do not teach', async ({ page, signInAs }) => {
  await signInAs('instructor');
  const colleague = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [colleague.id], inspectorIds: [learner.id] });
  expect((await page.goto(`/generaciones/${cohort.id}/calificaciones`))?.status()).toBe(403);
  expect((await page.request.get(`/generaciones/${cohort.id}/calificaciones.csv`)).status()).toBe(403);
});

test('a coordinator opens any cohort’s gradebook from its page and exports it', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('gradebook.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${t('gradebook.title')}: ${cohort.name}` })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: learner.fullName })).toBeVisible();
  expect((await page.request.get(`/generaciones/${cohort.id}/calificaciones.csv`)).status()).toBe(200);
});

test('an inspector cannot open a gradebook', async ({ page, signInAs }) => {
  const me = await signInAs('inspector');
  const cohort = createCohortIn({ inspectorIds: [me.id] });
  expect((await page.goto(`/generaciones/${cohort.id}/calificaciones`))?.status()).toBe(403);
});

test('a former instructor loses a withdrawn learner: the grade is refused, the essay leaves the queue, its page is a 403', async ({
  page,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const gradingPage = submittedAttemptWithEssay(learner.id, cohort.id);
  expect((await page.goto(gradingPage))?.status()).toBe(200);

  // The learner withdraws while the grading page is open; the grade sent from it is refused.
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: learner.id, actorId: null });
  for (const group of await page.locator('form fieldset').all()) await group.locator('input[type=radio]').last().check();
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: t('essays.submit') }).click();
  expect((await refused).status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: t('forbidden.title') })).toBeVisible();
  const graded = e2eDb().all<{ n: number }>(sql`select count(*) as n from quiz_responses where graded_by = ${instructor.id}`);
  expect(graded[0]?.n).toBe(0);

  await page.goto('/instructor/calificar');
  await expect(page.getByText(t('essays.empty'))).toBeVisible();
  expect((await page.goto(gradingPage))?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: t('forbidden.title') })).toBeVisible();
  await expect(page.getByText('hay injerencia')).toHaveCount(0);
});

test('the grading page answers a too-long comment and a criterion left out in Spanish, keeping what was typed', async ({
  page,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  await page.goto(submittedAttemptWithEssay(learner.id, cohort.id));
  // What a browser without these checks, or a hand-made request, would send.
  await page.locator('form textarea, form input[type=radio]').evaluateAll((inputs) => {
    for (const input of inputs) input.removeAttribute(input.tagName === 'TEXTAREA' ? 'maxlength' : 'required');
  });
  const groups = await page.locator('form fieldset').all();
  for (const group of groups) await group.locator('input[type=radio]').last().check();
  const comment = page.getByLabel(t('essays.comment'));
  const long = `Buen fundamento. ${'Precise los hechos observados. '.repeat(70)}`;
  await comment.fill(long);
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: t('essays.submit') }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByText(t('essays.comment.tooLong', { max: '2,000' }))).toBeVisible();
  await expect(comment).toHaveValue(long);
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  for (const group of groups) await expect(group.locator('input[type=radio]').last()).toBeChecked();

  await page.locator('form input[type=radio]').evaluateAll((inputs) => {
    for (const input of inputs) input.removeAttribute('required');
  });
  const first = groups[0]?.locator('legend');
  await page
    .locator('form fieldset')
    .first()
    .locator('input[type=radio]')
    .evaluateAll((radios) => {
      for (const radio of radios) (radio as HTMLInputElement).checked = false;
    });
  await comment.fill('Buen fundamento; precise los hechos.');
  const refusedAgain = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: t('essays.submit') }).click();
  expect((await refusedAgain).status()).toBe(400);
  await expect(page.getByRole('alert')).toHaveText(t('essays.level.missing', { criterion: (await first?.textContent()) ?? '' }));
  await expect(comment).toHaveValue('Buen fundamento; precise los hechos.');
  await expectNoAxeViolations(page);
});

test('an attempt whose time ran out without being sent shows in the gradebook as closed by the deadline, and its essay waits in the queue', async ({
  page,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  // Started three hours ago; the quiz allows far less, and the learner never came back.
  const startedAt = new Date(Date.now() - 3 * 3_600_000);
  startAttempt(e2eDb(), {
    userId: learner.id,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: MODULE,
    quiz,
    cohortId: cohort.id,
    now: startedAt,
  });

  await page.goto(`/generaciones/${cohort.id}/calificaciones?mostrar=por-calificar`);
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: learner.fullName }) });
  await expect(row).toContainText(t('grades.closedByDeadline'));
  await page.goto('/instructor/calificar');
  await expect(page.getByRole('link', { name: new RegExp(`${t('essays.grade')}.*${learner.fullName}`) }).first()).toBeVisible();
});

test('instructor grants an extra attempt, is told to whom, sees it listed and revokes it with a reason', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  await expect(page.getByText(t('override.list.empty'))).toBeVisible();
  await page.getByLabel(t('override.learner')).selectOption({ label: learner.fullName });
  await page.getByLabel(t('override.module')).selectOption({ index: 1 });
  await page.getByLabel(t('override.reason')).fill('Se cayó la red durante el intento');
  await page.getByRole('button', { name: t('override.submit') }).click();
  const done = t('override.doneFor', { name: learner.fullName, extras: t('audit.count.extraAttempts.one'), number: 2 });
  await expect(page.getByRole('status').filter({ hasText: done })).toBeVisible();
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: learner.fullName }) })
    .last();
  await expect(row).toContainText('Se cayó la red durante el intento');
  await expectNoAxeViolations(page);

  await row.getByRole('textbox').fill('Concedido por error');
  await row.getByRole('button', { name: new RegExp(t('override.revoke.submit')) }).click();
  await expect(page.getByRole('status').filter({ hasText: t('override.revoked', { name: learner.fullName, number: 2 }) })).toBeVisible();
  await expect(page.getByText(t('override.list.empty'))).toBeVisible();
});
