import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { type Account, createAccountIn, expect, test } from './helpers.ts';
import type { Page } from '@playwright/test';

const PASSWORD = 'contraseña-de-prueba-2026';
let passwordHash: string;
test.beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(t('auth.signIn.email')).fill(email);
  await page.getByLabel(t('auth.signIn.password')).fill(password);
  await page.getByRole('button', { name: t('auth.signIn.submit') }).click();
}

const HOMES: { role: Role; path: string; heading: string }[] = [
  { role: 'inspector', path: '/aprendizaje', heading: t('learner.title') },
  { role: 'instructor', path: '/instructor', heading: t('instructor.title') },
  { role: 'coordinator', path: '/coordinacion', heading: t('coordination.title') },
  { role: 'admin', path: '/admin', heading: t('admin.title') },
];

for (const { role, path, heading } of HOMES) {
  test(`${role} signs in with the form and lands on ${path}`, async ({ page }) => {
    const account: Account = createAccountIn([role], { passwordHash });
    await page.goto('/ingresar');
    await fillSignInForm(page, account.email, PASSWORD);
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(t('nav.signedInAs', { name: account.fullName }))).toBeVisible();
  });
}

test('inspector who types a wrong password sees the Spanish error and keeps the email', async ({ page }) => {
  const account = createAccountIn(['inspector'], { passwordHash });
  await page.goto('/ingresar');
  await fillSignInForm(page, account.email, 'no-es-la-contraseña');
  await expect(page.getByRole('alert')).toHaveText(t('auth.signIn.invalid'));
  await expect(page.getByLabel(t('auth.signIn.email'))).toHaveValue(account.email);
  await expect(page.getByLabel(t('auth.signIn.password'))).toHaveValue('');
  await expect(page.getByRole('button', { name: t('nav.signOut') })).toHaveCount(0);
});

test('visitor opening /coordinacion/personas signs in as coordinator and comes back to it', async ({ page }) => {
  const account = createAccountIn(['coordinator'], { passwordHash });
  await page.goto('/coordinacion/personas');
  await expect(page).toHaveURL(`/ingresar?siguiente=${encodeURIComponent('/coordinacion/personas')}`);
  await expect(page.getByRole('heading', { level: 1, name: t('auth.signIn.title') })).toBeVisible();
  await fillSignInForm(page, account.email, PASSWORD);
  await expect(page).toHaveURL('/coordinacion/personas');
  await expect(page.getByRole('heading', { level: 1, name: t('people.title') })).toBeVisible();
});
