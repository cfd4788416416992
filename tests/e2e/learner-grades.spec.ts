import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { t } from '../../src/i18n/index.ts';
import { tCount } from '../../src/lib/format.ts';
import { gradeEssayResponse, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '02-reforma-laboral-2019';
const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const moduleTitle = (parse(readFileSync(`content/modules/${MODULE}/module.yaml`, 'utf8')) as { title: string }).title;

test('inspector opens “Mis calificaciones” from the navigation and finds each attempt, its grade and the instructor’s comment', async ({
  page,
  signInAs,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const me = await signInAs('inspector');
  const cohort = createCohortIn({ inspectorIds: [me.id] });
  const grader = createAccountIn(['coordinator']);

  // One attempt with only the essay answered, graded with a comment; a second one waiting.
  const db = e2eDb();
  const essay = quiz.pools.flatMap((p) => p.questions).find((q) => q.type === 'essay');
  if (essay?.type !== 'essay') throw new Error('module 2 quiz has no essay');
  const ref = { userId: me.id, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE, quiz, cohortId: cohort.id };
  const answer = { [essay.id]: { type: 'essay' as const, text: 'Hubo injerencia del patrón en la consulta (LFT, art. 133).' } };
  const first = startAttempt(db, ref).attemptId;
  saveResponses(db, { attemptId: first, userId: me.id, answers: answer });
  const { maxScore } = submitAttempt(db, { attemptId: first, userId: me.id });
  gradeEssayResponse(db, {
    attemptId: first,
    questionId: essay.id,
    levels: essay.rubric.map((c) => c.levels.length - 1),
    comment: 'Buen fundamento; precise los hechos.',
    actorId: grader.id,
  });
  const second = startAttempt(db, ref).attemptId;
  saveResponses(db, { attemptId: second, userId: me.id, answers: answer });
  submitAttempt(db, { attemptId: second, userId: me.id });

  await page.goto('/aprendizaje');
  await page
    .getByRole('navigation', { name: t('nav.label') })
    .getByRole('link', { name: t('nav.grades') })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: t('grades.title') })).toBeVisible();
  await expectNoAxeViolations(page);

  const section = page.getByRole('region', { name: new RegExp(moduleTitle) });
  const attempts = section.getByRole('list', { name: t('grades.attemptsCaption', { number: 2 }) });
  const percent = Math.round((essay.points / maxScore) * 1000) / 10;
  await expect(attempts.getByRole('listitem').nth(0)).toContainText(
    tCount('quiz.scorePercent', maxScore, { score: essay.points, percent }),
  );
  await expect(attempts.getByRole('listitem').nth(0)).toContainText(t('grades.attempt.notPassed'));
  await expect(attempts.getByRole('listitem').nth(1)).toContainText(t('grades.attempt.pending'));
  await expect(section.getByText(t('quiz.instructorComment', { comment: 'Buen fundamento; precise los hechos.' }))).toBeVisible();
  await expect(section.getByText(t('grades.state.not-passed'), { exact: true })).toBeVisible();
  await expect(section.getByText(t('quiz.attempts', { used: 2, allowed: quiz.attempts }))).toBeVisible();
  // A module not yet attempted says so and leads to its quiz.
  await expect(page.getByRole('link', { name: t('grades.goToQuiz', { number: 1 }), exact: true })).toBeVisible();

  // Each attempt opens its review.
  await attempts.getByRole('link', { name: new RegExp(t('quiz.attemptN', { number: 1 })) }).click();
  await expect(page).toHaveURL(new RegExp(`/diplomado/${MODULE}/evaluacion/${first}$`));
});

test('a coordinator has no “Mis calificaciones”: the page is for learners', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  expect((await page.goto('/aprendizaje/calificaciones'))?.status()).toBe(403);
});
