import { readFileSync } from 'node:fs';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { t } from '../../src/i18n/index.ts';
import { tCount } from '../../src/lib/format.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test, unique } from './helpers.ts';

test('admin finds a person’s entries by name without accents, reads them as sentences and downloads them', async ({ page, signInAs }) => {
  await signInAs('admin');
  const tag = unique('bitacora');
  const hector = createAccountIn(['inspector'], { fullName: `Héctor Ávila ${tag}` });
  const cohort = createCohortIn({ inspectorIds: [hector.id] });

  await page.goto('/admin/auditoria');
  await page.getByLabel(t('audit.filterPerson')).fill(`hector avila ${tag}`);
  await page.getByRole('button', { name: t('audit.apply') }).click();
  await expect(page).toHaveURL(/persona=/);

  const stored = listAuditEntries(e2eDb(), { person: `hector avila ${tag}` }).total;
  expect(stored).toBe(2);
  await expect(page.getByRole('status')).toHaveText(tCount('audit.count', stored));
  const table = page.getByRole('table', { name: t('audit.title') });
  await expect(table.locator('tbody tr')).toHaveCount(stored);
  await expect(table).toContainText(`El sistema inscribió a Héctor Ávila ${tag} en «${cohort.name}».`);
  await expect(table.getByRole('link', { name: `«${cohort.name}»` })).toHaveAttribute('href', `/coordinacion/generaciones/${cohort.id}`);
  await expect(table).not.toContainText('roles:');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'tests/.tmp/H-audit.png', fullPage: true });

  await page.getByLabel(t('audit.filterAction')).selectOption('enrollment.created');
  await page.getByRole('button', { name: t('audit.apply') }).click();
  await expect(page.getByRole('status')).toHaveText(t('audit.count.one'));

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: t('audit.export') }).click();
  const file = await (await downloading).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.trim().split('\n')).toHaveLength(2);
  expect(csv).toContain(`El sistema inscribió a Héctor Ávila ${tag} en «${cohort.name}».`);
});

test('only an admin may download the audit log', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const response = await page.request.get('/admin/auditoria.csv');
  expect(response.status()).toBe(403);
  expect(response.headers()['content-type'] ?? '').not.toContain('text/csv');
});

test('a person’s history names the cohort of each enrollment, in the same sentences as the log', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector'], { fullName: `Óscar Ibáñez ${unique('historia')}` });
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  await page.goto(`/coordinacion/personas/${learner.id}`);
  const history = page.getByRole('table', { name: t('people.history') });
  await expect(history).toContainText(`El sistema inscribió a ${learner.fullName} en «${cohort.name}».`);
  await expect(history.getByRole('link', { name: `«${cohort.name}»` })).toHaveAttribute('href', `/coordinacion/generaciones/${cohort.id}`);
});
