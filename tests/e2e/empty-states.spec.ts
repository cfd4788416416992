import { t } from '../../src/i18n/index.ts';
import { createAccountIn, createCohortIn, expect, expectNoAxeViolations, test } from './helpers.ts';

/** An empty list says what is empty and what to do, instead of a bare table or a filter message. */

test('instructor with a cohort nobody is enrolled in yet is told so, at home and in its gradebook', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const cohort = createCohortIn({ instructorIds: [instructor.id] });

  await page.goto('/instructor');
  const section = page.getByRole('region', { name: cohort.name });
  await expect(section.getByText(t('instructor.rosterEmpty'))).toBeVisible();
  await expect(section.getByRole('table')).toHaveCount(0);

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  await expect(page.getByText(t('gradebook.noLearners'))).toBeVisible();
  await expect(page.getByText(t('gradebook.noLearners.instructor'))).toBeVisible();
  await expect(page.getByText(t('gradebook.empty', { filter: t('gradebook.filter.all') }))).toHaveCount(0);
  // No extra-attempt form with an empty "Persona" list: a sentence instead.
  await expect(page.getByLabel(t('override.learner'))).toHaveCount(0);
  await expect(page.getByText(t('override.noLearners'))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('coordinator opening an empty gradebook is pointed to the cohort page to enroll', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  await expect(page.getByText(t('gradebook.noLearners.staff'))).toBeVisible();
  await page.getByRole('link', { name: t('gradebook.enrollLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: cohort.name })).toBeVisible();
});

test('a filter nobody matches names the filter and offers everyone; the extra-attempt form still lists every learner', async ({
  page,
  signInAs,
}) => {
  const instructor = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  await page.goto(`/generaciones/${cohort.id}/calificaciones?mostrar=por-calificar`);
  await expect(page.getByText(t('gradebook.empty', { filter: t('gradebook.filter.pending') }))).toBeVisible();
  await expect(page.getByLabel(t('override.learner')).getByRole('option', { name: learner.fullName })).toHaveCount(1);
  await page.getByRole('link', { name: t('gradebook.showAll') }).click();
  await expect(page.getByRole('rowheader', { name: learner.fullName })).toBeVisible();
});
