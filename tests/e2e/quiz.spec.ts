import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { t } from '../../src/i18n/index.ts';
import { createCohortIn, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '01-fundamentos-inspeccion';
const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const questions = quiz.pools.flatMap((p) => p.questions);

test('inspector takes the module 1 quiz from start to review, and no answer key reaches the page before grading', async ({
  page,
  signInAs,
}) => {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await expect(page.getByRole('heading', { level: 1, name: quiz.title })).toBeVisible();
  await page.getByRole('button', { name: t('quiz.start') }).click();
  await expect(page).toHaveURL(new RegExp(`/diplomado/${MODULE}/evaluacion/\\d+$`));
  await expectNoAxeViolations(page);

  // Before grading, the page (HTML and inline scripts) carries no key: no feedback text of any
  // question or option, no rubric, and no 'correct' flag.
  const html = await page.content();
  for (const q of questions) {
    if (q.feedback) expect(html).not.toContain(q.feedback);
    if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) if (o.feedback) expect(html).not.toContain(o.feedback);
    if (q.type === 'truefalse') for (const f of [q.feedbackTrue, q.feedbackFalse]) if (f) expect(html).not.toContain(f);
    if (q.type === 'essay') for (const c of q.rubric) for (const l of c.levels) expect(html).not.toContain(l.description);
  }
  expect(html).not.toMatch(/"correct"|data-correct/);

  // Answer the first single-choice question shown, then reload: the answer was autosaved or saved.
  const firstRadio = page.locator('fieldset.quiz-question input[type=radio]').first();
  await firstRadio.check();
  await page.getByRole('button', { name: t('quiz.save') }).click();
  await expect(page).toHaveURL(/guardado=1/);
  await expect(page.locator('fieldset.quiz-question input[type=radio]').first()).toBeChecked();

  await page.getByRole('button', { name: t('quiz.submit') }).click();
  await expect(page).toHaveURL(/enviado=1/);
  await expect(page.getByRole('status').filter({ hasText: t('quiz.submitted') })).toBeVisible();
  await expect(page.getByText(/de \d+(\.\d+)? puntos/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await expect(page.getByText(t('quiz.attempts', { used: 1, allowed: quiz.attempts }))).toBeVisible();
});

test('another learner cannot open someone else’s attempt', async ({ page, signInAs, browser }) => {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await page.getByRole('button', { name: t('quiz.start') }).click();
  const attemptUrl = page.url();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const { signInAs: signIn } = await import('./helpers.ts');
  const stranger = await signIn(otherPage, 'inspector');
  createCohortIn({ inspectorIds: [stranger.id] });
  expect((await otherPage.goto(attemptUrl))?.status()).toBe(404);
  await other.close();
});

test('an instructor previews the whole bank with its keys; an inspector’s quiz page never shows them', async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs('instructor');
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await expect(page.getByRole('heading', { level: 2, name: t('quiz.bank') })).toBeVisible();
  const anyFeedback = questions.find((q) => q.feedback)?.feedback as string;
  expect(await page.content()).toContain(anyFeedback);
  await expect(page.getByRole('button', { name: t('quiz.start') })).toHaveCount(0);

  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  const { signInAs: signIn } = await import('./helpers.ts');
  const learner = await signIn(learnerPage, 'inspector');
  createCohortIn({ inspectorIds: [learner.id] });
  await learnerPage.goto(`/diplomado/${MODULE}/evaluacion`);
  expect(await learnerPage.content()).not.toContain(anyFeedback);
  await learnerContext.close();
});
