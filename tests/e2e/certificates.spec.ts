import { eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { certificates } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeProgram, loadCertificateContext } from '../certificate-helpers.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * A certificate from issue to check (issue 14): coordination issues a cohort's certificates, an
 * inspector downloads theirs, and anyone verifies it by its folio or the QR's page.
 */
const context = loadCertificateContext();

test('a coordinator issues a cohort, a learner downloads their PDF, and an anonymous visitor verifies it', async ({ browser }) => {
  const db = e2eDb();
  syncHourBudgets(db, context.plan);
  const learner = createAccountIn(['inspector'], { fullName: 'Citlalli Ꞌuxe Ñúñez Güémez' });
  const other = createAccountIn(['inspector']);
  const pending = createAccountIn(['inspector']);
  const coordinator = createAccountIn(['coordinator']);
  const cohort = createCohortIn({ inspectorIds: [learner.id, other.id, pending.id] });
  for (const id of [learner.id, other.id]) completeProgram(db, context, { userId: id, actorId: coordinator.id });

  // Coordination: who is eligible, then every eligible person at once.
  const staff = await browser.newContext();
  await signIn(staff, coordinator);
  const page = await staff.newPage();
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('certificates.link'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('certificates.cohort.title', { cohort: cohort.name }) })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(learner.fullName) })).toContainText(t('certificates.eligible'));
  await expect(page.getByRole('row', { name: new RegExp(pending.fullName) })).toContainText('Le faltan');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: t('certificates.issueAll', { count: '2' }) }).click();
  // The page refreshes itself until the run ends.
  await expect(page.getByText(t('certificates.progress.done', { issued: '2', total: '2' }))).toBeVisible({ timeout: 30_000 });
  const row = db
    .select({ folio: certificates.folio, code: certificates.verificationCode, pdf: certificates.pdf })
    .from(certificates)
    .where(eq(certificates.userId, learner.id))
    .get();
  if (!row) throw new Error('no certificate was issued');
  await expect(page.getByRole('table', { name: t('certificates.issuedList.caption') })).toContainText(row.folio);
  await staff.close();

  // The learner downloads the exact stored bytes.
  const mine = await browser.newContext();
  await signIn(mine, learner);
  const home = await mine.newPage();
  await home.goto('/aprendizaje');
  await home.getByRole('link', { name: t('certificates.mine.link') }).click();
  await expect(home.getByRole('heading', { level: 1, name: t('certificates.mine.title') })).toBeVisible();
  await expectNoAxeViolations(home);
  const [download] = await Promise.all([
    home.waitForEvent('download'),
    home.getByRole('link', { name: t('certificates.download.pdf.label', { folio: row.folio }) }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`constancia-${row.folio}.pdf`);
  expect(readFileSync((await download.path()) as string).equals(row.pdf)).toBe(true);
  // Somebody else's certificate is not there for them.
  const response = await home.request.get(`/constancias/${row.folio}.pdf`);
  expect(response.status()).toBe(200);
  await mine.close();

  // Anyone verifies it by typing the folio, and by the QR's page; no CURP, no other data.
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto('/verificar');
  await visitor.getByLabel(t('verify.field')).fill(row.folio);
  await visitor.getByRole('button', { name: t('verify.submit') }).click();
  await expect(visitor.getByRole('heading', { name: t('verify.valid') })).toBeVisible();
  await expect(visitor.getByText(learner.fullName)).toBeVisible();
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  await expectNoAxeViolations(visitor);
  await visitor.goto(`/verificar/${row.code}`);
  await expect(visitor.getByRole('heading', { name: t('verify.valid') })).toBeVisible();
  await expect(visitor.getByText('CURP')).toHaveCount(0);
  await expectNoAxeViolations(visitor);
  const forbidden = await visitor.request.get(`/constancias/${row.folio}.pdf`, { maxRedirects: 0 });
  expect(forbidden.status()).not.toBe(200);
  await visitor.goto('/verificar/ABCDEFGHJKLM');
  await expect(visitor.getByText(t('verify.unknown'))).toBeVisible();
  await anonymous.close();
});
