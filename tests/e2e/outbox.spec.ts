import { countOutboxByState, markMessageSent, queueMessage } from '../../src/lib/server/mail/outbox.ts';
import { t } from '../../src/i18n/index.ts';
import { tCount } from '../../src/lib/format.ts';
import { e2eDb, expect, expectNoAxeViolations, test, unique } from './helpers.ts';

// The end-to-end server runs without SMTP_HOST: the outbox-only mode of a fresh install.
test('admin filters the outbox by state and "Probar SMTP" says no server is configured', async ({ page, signInAs }) => {
  const admin = await signInAs('admin');
  const db = e2eDb();
  const tag = unique('correo');
  queueMessage(db, { to: 'pendiente@e2e.aula.mx', subject: `Pendiente ${tag}`, body: 'Hola' });
  const failed = queueMessage(db, { to: 'fallido@e2e.aula.mx', subject: `Fallido ${tag}`, body: 'Hola' });
  markMessageSent(db, failed, t('mail.error.auth'));
  const sent = queueMessage(db, { to: 'enviado@e2e.aula.mx', subject: `Enviado ${tag}`, body: 'Hola' });
  markMessageSent(db, sent, null);
  const counts = countOutboxByState(db);

  await page.goto('/admin/correos');
  await expect(page.getByText(t('outbox.mode.outboxOnly'))).toBeVisible();
  const filter = page.getByRole('navigation', { name: t('outbox.filter.label') });
  await filter.getByRole('link', { name: t('outbox.filter.failed', { count: counts.failed }) }).click();
  await expect(page).toHaveURL(/estado=fallidos/);
  await expect(filter.getByRole('link', { name: t('outbox.filter.failed', { count: counts.failed }) })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('status')).toHaveText(tCount('outbox.count', counts.failed));
  await expect(page.getByText(`Fallido ${tag}`)).toBeVisible();
  await expect(page.getByText(t('mail.error.auth'))).toBeVisible();
  await expect(page.getByText(`Pendiente ${tag}`)).toHaveCount(0);
  await expect(page.getByText(`Enviado ${tag}`)).toHaveCount(0);
  // Without a server there is nothing to retry with: the page says how to get one instead.
  await expect(page.getByRole('button', { name: new RegExp(t('outbox.retry')) })).toHaveCount(0);
  await expect(page.getByText(t('outbox.retry.help'))).toBeVisible();

  await filter.getByRole('link', { name: t('outbox.filter.pending', { count: counts.pending }) }).click();
  await expect(page.getByText(`Pendiente ${tag}`)).toBeVisible();
  await expect(page.getByText(`Fallido ${tag}`)).toHaveCount(0);

  await expect(page.getByText(t('outbox.test.help', { email: admin.email }))).toBeVisible();
  await page.getByRole('button', { name: t('outbox.test.submit') }).click();
  await expect(page.getByText(t('outbox.test.notConfigured'))).toBeVisible();
  expect(countOutboxByState(db)).toEqual(counts);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'tests/.tmp/H-outbox.png', fullPage: true });
});

test('a coordinator cannot open the outbox', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const response = await page.goto('/admin/correos');
  expect(response?.status()).toBe(403);
});
