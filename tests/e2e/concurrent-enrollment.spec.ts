import { t } from '../../src/i18n/index.ts';
import { countEnrollments, createAccountIn, createCohortIn, expect, expectNoAxeViolations, test } from './helpers.ts';

test('enrolling someone already in another running cohort of the diplomado warns, names it, and asks for a reason', async ({
  page,
  signInAs,
}) => {
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector']);
  const first = createCohortIn({ inspectorIds: [learner.id] });
  const second = createCohortIn();

  await page.goto(`/coordinacion/generaciones/${second.id}`);
  await page.getByLabel(t('person.email'), { exact: true }).fill(learner.email);
  await page.getByRole('button', { name: t('enrollment.enroll'), exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(t('enrollment.activeElsewhere', { name: learner.fullName, cohort: first.name }));
  expect(countEnrollments(second.id)).toBe(0);
  const reason = page.getByLabel(t('enrollment.concurrentReason'));
  await expect(reason).toBeVisible();
  await expect(page.getByLabel(t('person.email'), { exact: true })).toHaveValue(learner.email);
  await expectNoAxeViolations(page);

  await reason.fill('Recursa el módulo 3 con el grupo de su oficina');
  await page.getByRole('button', { name: t('enrollment.enroll'), exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(t('enrollment.enrolled', { name: learner.fullName }));
  expect(countEnrollments(second.id)).toBe(1);
});
