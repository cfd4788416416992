import { desc, eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { createAccountIn, e2eDb, expect, expectNoAxeViolations, sessionExists, signIn, test } from './helpers.ts';

/** The reset link in the last message to `email`, read from the outbox as an admin would without SMTP. */
function resetLinkFor(email: string): string {
  const message = e2eDb().select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.id)).get();
  const link = /http:\/\/127\.0\.0\.1:4322\/recuperar-contrasena\/\S+/.exec(message?.body ?? '')?.[0];
  if (!link) throw new Error(`no reset link in the outbox for ${email}`);
  return link;
}

test('a person who forgot the password asks for a link, sets a new one, signs in with it, and the old session is gone', async ({
  page,
  browser,
}) => {
  const account = createAccountIn(['inspector'], { passwordHash: await hashPassword('la-contraseña-olvidada') });
  // A session left open on another device, which the reset must end.
  const otherDevice = await browser.newContext();
  const old = await signIn(otherDevice, account);

  await page.goto('/ingresar');
  await page.getByRole('link', { name: t('auth.signIn.forgot') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('passwordReset.title') })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(t('auth.signIn.email'), { exact: true }).fill(account.email.toUpperCase());
  await page.getByRole('button', { name: t('passwordReset.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(t('passwordReset.sent'));

  // An unknown email gets the very same answer.
  await page.getByLabel(t('auth.signIn.email'), { exact: true }).fill('nadie-con-esta-cuenta@e2e.aula.mx');
  await page.getByRole('button', { name: t('passwordReset.submit') }).click();
  await expect(page.getByRole('status')).toHaveText(t('passwordReset.sent'));

  const link = resetLinkFor(account.email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: t('passwordReset.choose.title') })).toBeVisible();
  await expect(page.getByText(t('passwordReset.choose.lead', { name: account.fullName }))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(t('account.newPassword'), { exact: true }).fill('mi-contraseña-recuperada-2026');
  await page.getByLabel(t('account.confirmPassword'), { exact: true }).fill('mi-contraseña-recuperada-2026');
  await page.getByRole('button', { name: t('passwordReset.choose.submit') }).click();

  await expect(page).toHaveURL('/ingresar?contrasena=1');
  await expect(page.getByRole('status')).toHaveText(t('auth.signIn.passwordChanged'));
  expect(sessionExists(old)).toBe(false);
  const stale = await otherDevice.newPage();
  await stale.goto('/aprendizaje');
  await expect(stale).toHaveURL(/\/ingresar\?siguiente=/);
  await otherDevice.close();

  await page.getByLabel(t('auth.signIn.email'), { exact: true }).fill(account.email);
  await page.getByLabel(t('auth.signIn.password'), { exact: true }).fill('mi-contraseña-recuperada-2026');
  await page.getByRole('button', { name: t('auth.signIn.submit') }).click();
  await expect(page).toHaveURL('/aprendizaje');

  // The link worked once.
  const again = await page.goto(link);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole('alert')).toHaveText(t('passwordReset.invalid'));
  await expect(page.getByRole('link', { name: t('passwordReset.requestAgain') })).toBeVisible();
});
