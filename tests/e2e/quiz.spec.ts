import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { quizAttempts } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { t } from '../../src/i18n/index.ts';
import { createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

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
  const answered = page
    .locator('fieldset.quiz-question')
    .filter({ has: page.locator('input[type=radio]') })
    .first();
  const firstRadio = answered.locator('input[type=radio]').first();
  await firstRadio.check();
  // The feedback the author wrote for that very answer, which the review must show (and this page must not).
  const promptShown = ((await answered.locator('legend').evaluate((el) => el.lastChild?.textContent)) ?? '').trim();
  const chosenText = ((await answered.locator('label').first().locator('span').first().textContent()) ?? '').trim();
  const question = questions.find((q) => q.prompt === promptShown);
  const chosenFeedback =
    question?.type === 'single'
      ? question.options.find((o) => o.text === chosenText)?.feedback
      : question?.type === 'truefalse'
        ? chosenText === t('quiz.true')
          ? question.feedbackTrue
          : question.feedbackFalse
        : undefined;
  expect(chosenFeedback, `feedback for «${chosenText}» in «${promptShown}»`).toBeTruthy();
  await page.getByRole('button', { name: t('quiz.save') }).click();
  await expect(page).toHaveURL(/guardado=1/);
  await expect(page.locator('fieldset.quiz-question input[type=radio]').first()).toBeChecked();

  // Most questions are unanswered: the page lists them and asks before grading.
  await page.getByRole('button', { name: t('quiz.submit') }).click();
  await expect(page.getByRole('heading', { name: t('quiz.confirm.title') })).toBeVisible();
  await page.getByRole('button', { name: t('quiz.confirm.submit') }).click();
  await expect(page).toHaveURL(/enviado=1/);
  await expect(page.getByRole('status').filter({ hasText: t('quiz.submitted') })).toBeVisible();
  await expect(page.getByText(/de \d+(\.\d+)? puntos \(\d+(\.\d)?\s%\)/).first()).toBeVisible();
  // Feedback that teaches: the review shows, under that question, the feedback of the answer given.
  const reviewed = page.locator('fieldset.quiz-question').filter({ hasText: promptShown });
  await expect(reviewed.locator('.quiz-feedback-answer')).toContainText(chosenFeedback as string);
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

test('inspector on a phone keeps the time left in sight, is asked about unanswered questions, and sees a marked review', async ({
  page,
  signInAs,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await page.getByRole('button', { name: t('quiz.start') }).click();
  await expect(page).toHaveURL(new RegExp(`/diplomado/${MODULE}/evaluacion/\\d+$`));
  const attemptUrl = page.url();
  const perAttempt = quiz.draw.reduce((n, d) => n + d.count, 0);

  // The timer stays on screen at the last question.
  const timer = page.locator('[data-quiz-timer]');
  await expect(timer).toContainText(t('quiz.remaining', { time: '' }).trim());
  await page.locator('fieldset.quiz-question').last().scrollIntoViewIfNeeded();
  const box = await timer.boundingBox();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(844);

  // One answer, then "Enviar para calificar": the rest are listed and nothing is graded yet.
  await page.locator('fieldset.quiz-question input[type=radio]').first().check();
  await page.getByRole('button', { name: t('quiz.submit') }).click();
  await expect(page).toHaveURL(/confirmar=1/);
  const summary = page.getByRole('region', { name: t('quiz.confirm.title') });
  await expect(summary).toContainText(t('quiz.confirm.lead', { count: perAttempt - 1 }));
  await expect(summary.getByRole('link', { name: /^Pregunta \d+$/ })).toHaveCount(perAttempt - 1);
  await expectNoAxeViolations(page);
  const attemptId = Number(new URL(attemptUrl).pathname.split('/').at(-1));
  expect(e2eDb().select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()?.submittedAt).toBeNull();

  // "Volver" keeps the attempt open, with the answer given.
  await summary.getByRole('link', { name: t('quiz.confirm.back') }).click();
  await expect(page.locator('fieldset.quiz-question input[type=radio]').first()).toBeChecked();
  await page.getByRole('button', { name: t('quiz.submit') }).click();
  await page.getByRole('button', { name: t('quiz.confirm.submit') }).click();
  await expect(page).toHaveURL(/enviado=1/);

  // The result in points, percent and against the passing score; each question marked.
  await expect(page.getByText(/de \d+(\.\d+)? puntos \(\d+(\.\d)?\s%\)/)).toBeVisible();
  await expect(page.getByText(t('quiz.result.failed', { passing: quiz.passingScore * 100 }))).toBeVisible();
  await expect(page.getByText(t('quiz.verdict.wrong'), { exact: true }).first()).toBeVisible();
  // Answers show only once no attempt is left (this quiz's policy): no option is marked yet.
  await expect(page.locator('.mark-note')).toHaveCount(0);

  // The other attempts used up (written directly): now each option says what was right.
  const first = e2eDb().select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
  if (!first) throw new Error('the attempt is gone');
  const { id: _id, ...copy } = first;
  for (let n = 2; n <= quiz.attempts; n++)
    e2eDb()
      .insert(quizAttempts)
      .values({ ...copy, number: n })
      .run();
  await page.goto(attemptUrl);
  await expect(
    page
      .getByText(t('quiz.mark.chosenRight'))
      .or(page.getByText(t('quiz.mark.chosenWrong')))
      .first(),
  ).toBeVisible();
  await expect(page.getByText(t('quiz.mark.missed')).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
