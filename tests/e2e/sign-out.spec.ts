import { t } from '../../src/i18n/index.ts';
import { expect, sessionExists, test } from './helpers.ts';

test('inspector signs out: the session ends and /aprendizaje asks to sign in again', async ({ page, signInAs }) => {
  const inspector = await signInAs('inspector');
  await page.goto('/aprendizaje');
  await expect(page.getByRole('heading', { level: 1, name: t('learner.title') })).toBeVisible();
  expect(sessionExists(inspector)).toBe(true);

  await page.getByRole('button', { name: t('nav.signOut') }).click();
  await expect(page).toHaveURL('/ingresar?salio=1');
  await expect(page.getByRole('status')).toHaveText(t('auth.signOut.done'));
  await expect(page.getByRole('button', { name: t('nav.signOut') })).toHaveCount(0);
  expect(sessionExists(inspector)).toBe(false);
  expect((await page.context().cookies()).find((c) => c.name === 'aula_session')).toBeUndefined();

  await page.goto('/aprendizaje');
  await expect(page).toHaveURL(`/ingresar?siguiente=${encodeURIComponent('/aprendizaje')}`);
  await expect(page.getByRole('heading', { level: 1, name: t('auth.signIn.title') })).toBeVisible();
});
