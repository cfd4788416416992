import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { t } from '../../src/i18n/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

const MODULE = '01-fundamentos-inspeccion';
const quizFile = readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8');
const quiz: Quiz = quizSchema.parse(parse(quizFile));

/** A sent attempt with nothing answered: graded at once (0 points) unless an essay waits. */
function sentAttempt(userId: number, cohortId: number): number {
  const db = e2eDb();
  const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE, quiz, cohortId });
  saveResponses(db, { attemptId, userId, answers: {} });
  submitAttempt(db, { attemptId, userId });
  return attemptId;
}

test('instructor sorts the gradebook by a column without JavaScript and opens an attempt from its cell', async ({
  browser,
  page: jsPage,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const instructor = createAccountIn(['instructor']);
  await signIn(context, instructor);
  const zoe = createAccountIn(['inspector'], { fullName: 'Zoé Ramírez Luna' });
  const angela = createAccountIn(['inspector'], { fullName: 'Ángela Ñúñez Gutiérrez' });
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [zoe.id, angela.id] });
  const attemptId = sentAttempt(zoe.id, cohort.id);

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  const names = page.locator('tbody th[scope=row]');
  await expect(names).toHaveText(['Ángela Ñúñez Gutiérrez', 'Zoé Ramírez Luna']);
  await expect(page.getByRole('columnheader', { name: t('gradebook.learner') })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('link', { name: t('gradebook.learner'), exact: true }).click();
  await expect(page).toHaveURL(/orden=nombre&dir=desc/);
  await expect(names).toHaveText(['Zoé Ramírez Luna', 'Ángela Ñúñez Gutiérrez']);
  await expect(page.getByRole('columnheader', { name: t('gradebook.learner') })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('rowheader', { name: t('gradebook.totals') })).toBeVisible();
  await page.screenshot({ path: 'tests/.tmp/gradebook-sort.png', fullPage: true });

  await page.getByRole('link', { name: new RegExp(t('gradebook.attempt.open', { number: 1, name: zoe.fullName, module: 1 })) }).click();
  await expect(page).toHaveURL(new RegExp(`/generaciones/${cohort.id}/intentos/${attemptId}$`));
  await expect(
    page.getByRole('heading', { level: 1, name: t('gradebook.attempt.heading', { name: zoe.fullName, number: 1 }) }),
  ).toBeVisible();
  await context.close();

  // axe runs inside the page, so both pages are scanned again with JavaScript on.
  await signIn(jsPage.context(), instructor);
  await jsPage.goto(`/generaciones/${cohort.id}/calificaciones?orden=m1&dir=desc`);
  await expectNoAxeViolations(jsPage);
  await jsPage.goto(`/generaciones/${cohort.id}/intentos/${attemptId}`);
  await expectNoAxeViolations(jsPage);
  await jsPage.screenshot({ path: 'tests/.tmp/gradebook-attempt.png', fullPage: true });
});

test('instructor of another cohort cannot open an attempt', async ({ page, signInAs }) => {
  await signInAs('instructor');
  const colleague = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [colleague.id], inspectorIds: [learner.id] });
  const attemptId = sentAttempt(learner.id, cohort.id);
  expect((await page.goto(`/generaciones/${cohort.id}/intentos/${attemptId}`))?.status()).toBe(403);
});

test('a gradebook of 55 learners shows 50 a page, and its totals and order cover the whole cohort', async ({ page }) => {
  const instructor = createAccountIn(['instructor']);
  await signIn(page.context(), instructor);
  const learners = Array.from({ length: 55 }, (_, i) =>
    createAccountIn(['inspector'], { fullName: `Persona ${String(i + 1).padStart(2, '0')} Paginada` }),
  );
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: learners.map((l) => l.id) });
  // Only people of the second page have a grade: the first page's totals still count it.
  for (const learner of learners.slice(50)) sentAttempt(learner.id, cohort.id);

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  const names = page.locator('tbody th[scope=row]');
  await expect(names).toHaveCount(50);
  await expect(names.first()).toHaveText('Persona 01 Paginada');
  await expect(names.last()).toHaveText('Persona 50 Paginada');
  const pager = page.getByRole('navigation', { name: t('pagination.label') });
  await expect(pager).toContainText(t('pagination.status', { page: 1, pages: 2 }));
  const totals = page.getByRole('row', { name: new RegExp(t('gradebook.totals')) });
  await expect(totals).toContainText('0 %');

  await pager.getByRole('link', { name: t('pagination.next') }).click();
  await expect(page).toHaveURL(/pagina=2/);
  await expect(names).toHaveText(['51', '52', '53', '54', '55'].map((n) => `Persona ${n} Paginada`));
  await expect(totals).toContainText('0 %');

  // Sorting starts again from the first page, in the new order over everyone.
  await page.getByRole('link', { name: t('gradebook.learner'), exact: true }).click();
  await expect(page).toHaveURL(/orden=nombre&dir=desc/);
  await expect(page).not.toHaveURL(/pagina=/);
  await expect(names.first()).toHaveText('Persona 55 Paginada');
  await expect(names).toHaveCount(50);
});
