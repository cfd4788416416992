import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { parse } from 'yaml';
import { auditLog, quizAttempts, quizResponses } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { t } from '../../src/i18n/index.ts';
import { saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '01-fundamentos-inspeccion';
const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const moduleTitle = (parse(readFileSync(`content/modules/${MODULE}/module.yaml`, 'utf8')) as { title: string }).title;
const stored = () => ({
  attempts: e2eDb().select({ n: count() }).from(quizAttempts).get()?.n,
  responses: e2eDb().select({ n: count() }).from(quizResponses).get()?.n,
  audit: e2eDb().select({ n: count() }).from(auditLog).get()?.n,
});

test('instructor takes a quiz as a learner from their home, is graded, and nothing is recorded', async ({ page, signInAs }) => {
  await signInAs('instructor');
  await page.goto('/instructor');
  await expect(page.getByRole('heading', { level: 2, name: t('instructor.quizzes') })).toBeVisible();
  const label = `${t('module.label', { number: 1 })}: ${moduleTitle}`;
  await page.getByRole('link', { name: new RegExp(`^${t('preview.link')}.*${label}$`) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${t('preview.title')}: ${quiz.title}` })).toBeVisible();
  await expectNoAxeViolations(page);
  // Questions as a learner sees them: no key on the page before grading.
  expect(await page.content()).not.toMatch(/"correct"|data-correct/);

  const before = stored();
  await page.locator('fieldset.quiz-question input[type=radio]').first().check();
  await page.getByRole('button', { name: t('preview.submit') }).click();
  await expect(page.getByText(/de \d+ puntos/).first()).toBeVisible();
  await expect(page.getByText(t('quiz.correctAnswer', { answer: '' }).trim()).first()).toBeVisible();
  await expectNoAxeViolations(page);
  expect(stored()).toEqual(before);

  await page.getByRole('link', { name: t('preview.again') }).click();
  await expect(page.getByRole('button', { name: t('preview.submit') })).toBeVisible();
});

test('the bank shows every option with the key and the distractors, and the item analysis marks the right option', async ({
  page,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const { attemptId } = startAttempt(e2eDb(), {
    userId: learner.id,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: MODULE,
    quiz,
    cohortId: cohort.id,
  });
  saveResponses(e2eDb(), { attemptId, userId: learner.id, answers: {} });
  submitAttempt(e2eDb(), { attemptId, userId: learner.id });

  await page.goto('/instructor');
  await page.getByRole('link', { name: new RegExp(`^${t('quiz.bank')}.*${t('module.label', { number: 1 })}: ${moduleTitle}$`) }).click();
  const single = quiz.pools.flatMap((p) => p.questions).find((q) => q.type === 'single');
  if (single?.type !== 'single') throw new Error('module 1 has no single-choice question');
  for (const d of await page.locator('#banco ~ details, section[aria-labelledby=banco] details').all())
    await d.evaluate((e) => e.setAttribute('open', ''));
  const distractor = single.options.find((o) => !o.correct);
  await expect(
    page
      .locator('.bank-options li')
      .filter({ hasText: distractor?.text ?? '' })
      .first(),
  ).toContainText(t('quiz.bank.distractor'));
  await expect(page.getByRole('link', { name: t('preview.link') })).toBeVisible();

  await page.goto(`/instructor/evaluaciones/${MODULE}`);
  await expect(page.locator('.item-options .badge.ok').first()).toHaveText(t('items.correct'));
  await expectNoAxeViolations(page);
});
