import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { createAccountIn, createCohortIn, expect, test } from './helpers.ts';

const FORBIDDEN: { role: Role; path: string }[] = [
  { role: 'inspector', path: '/coordinacion/personas' },
  { role: 'instructor', path: '/admin/auditoria' },
  { role: 'coordinator', path: '/admin' },
  { role: 'admin', path: '/aprendizaje' },
];

for (const { role, path } of FORBIDDEN) {
  test(`${role} opening ${path} gets the 403 page`, async ({ page, signInAs }) => {
    await signInAs(role);
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1, name: t('forbidden.title') })).toBeVisible();
    await expect(page.getByRole('link', { name: t('forbidden.back') })).toBeVisible();
  });
}

test('instructor sees the roster of a cohort they teach and gets 403 on one they do not', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const colleague = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const stranger = createAccountIn(['inspector']);
  const own = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const other = createCohortIn({ instructorIds: [colleague.id], inspectorIds: [stranger.id] });

  const ownResponse = await page.goto(`/instructor/generaciones/${own.id}`);
  expect(ownResponse?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: own.name })).toBeVisible();
  const roster = page.getByRole('table', { name: t('cohort.roster') });
  await expect(roster.getByRole('rowheader', { name: learner.fullName })).toBeVisible();
  await expect(roster.getByRole('cell', { name: learner.email })).toBeVisible();

  const otherResponse = await page.goto(`/instructor/generaciones/${other.id}`);
  expect(otherResponse?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: t('forbidden.title') })).toBeVisible();
  await expect(page.getByText(stranger.fullName)).toHaveCount(0);
});
