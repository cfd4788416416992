import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { t } from '../../src/i18n/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '02-reforma-laboral-2019';
const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const essay = quiz.pools.flatMap((p) => p.questions).find((q) => q.type === 'essay');

/** A learner's sent attempt with an essay answer waiting for a grade; returns the essay's id. */
function sentEssay(userId: number, cohortId: number): { attemptId: number; questionId: string } {
  if (!essay) throw new Error('module 2 quiz has no essay');
  const db = e2eDb();
  const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE, quiz, cohortId });
  saveResponses(db, { attemptId, userId, answers: { [essay.id]: { type: 'essay', text: 'Hay injerencia patronal (LFT, art. 133).' } } });
  submitAttempt(db, { attemptId, userId });
  return { attemptId, questionId: essay.id };
}

test('coordinator grades a withdrawn learner’s essay from the cohort page’s queue, with the pending count', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const instructor = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  sentEssay(learner.id, cohort.id);
  // Withdrawn: no instructor may grade it any more (decision 010), coordination still may.
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: learner.id, actorId: null });

  await page.goto('/coordinacion');
  await expect(page.getByRole('link', { name: new RegExp(`^${t('essays.title')} \\(\\d+\\)$`) })).toBeVisible();
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: `${t('essays.coordination.link')} (1)` }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('essays.coordination.titleFor', { cohort: cohort.name }) })).toBeVisible();
  await expect(page.getByRole('table', { name: t('essays.count.one') })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: new RegExp(`${t('essays.grade')}.*${learner.fullName}`) }).click();
  await expect(page.getByText('Hay injerencia patronal')).toBeVisible();
  await expectNoAxeViolations(page);
  for (const group of await page.locator('form fieldset').all()) await group.locator('input[type=radio]').last().check();
  await page.getByRole('button', { name: t('essays.submit') }).click();
  await expect(page.getByRole('status').filter({ hasText: t('essays.done') })).toBeVisible();
  await page.goto(`/coordinacion/calificar?generacion=${cohort.id}`);
  await expect(page.getByText(t('essays.empty'))).toBeVisible();
});

test('instructors and inspectors cannot open coordination’s grading queue or its grading page', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const { attemptId, questionId } = sentEssay(learner.id, cohort.id);
  expect((await page.goto('/coordinacion/calificar'))?.status()).toBe(403);
  expect((await page.goto(`/coordinacion/calificar/${attemptId}/${questionId}`))?.status()).toBe(403);
  // The instructor grades it from their own page.
  expect((await page.goto(`/instructor/calificar/${attemptId}/${questionId}`))?.status()).toBe(200);
  await page.context().clearCookies();
  await signInAs('inspector');
  expect((await page.goto(`/coordinacion/calificar?generacion=${cohort.id}`))?.status()).toBe(403);
});
