import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { curpCheckDigit } from '../../src/lib/curp.ts';
import { importAccountsSummary, importDoneMessage, importRowsSummary } from '../../src/lib/server/enrollment/import-summary.ts';
import { countAccountsWithEmails, countEnrollments, createCohortIn, csvFile, demoCsvPeople, expect, test } from './helpers.ts';

/** The check digit the CURP should end with, from its first 17 characters. */
const correctCheckDigit = (curp = '') => curpCheckDigit(curp.slice(0, 17));

type CsvUpload = ReturnType<typeof csvFile>;

async function preview(page: Page, cohortId: number, file: CsvUpload): Promise<void> {
  await page.goto(`/coordinacion/generaciones/${cohortId}/importar`);
  await page
    .getByRole('region', { name: t('csv.file') })
    .getByLabel(t('csv.file'))
    .setInputFiles(file);
  await page.getByRole('button', { name: t('csv.preview') }).click();
  await expect(page.getByRole('heading', { level: 2, name: `${t('csv.previewTitle')}: ${file.name}` })).toBeVisible();
}

/** The confirm button, whatever the count: "Confirmar e inscribir a …". */
const confirmButton = (page: Page) => page.getByRole('button', { name: t('csv.confirm').split('{count}')[0] });

test('coordinator sees every bad CSV row and nothing is written', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  // Line 3 has an email without @; line 4 a CURP whose check digit is off by one.
  const people = demoCsvPeople(4).map((p, i) =>
    i === 1
      ? { ...p, correo: 'correo-sin-arroba.stps.gob.mx' }
      : i === 2
        ? { ...p, curp: `${p.curp.slice(0, 17)}${(Number(p.curp.at(-1)) + 1) % 10}` }
        : p,
  );

  await preview(page, cohort.id, csvFile(people, { name: 'con-errores.csv' }));
  await expect(page.getByText(importRowsSummary({ total: 4, valid: 2, invalid: 2 }))).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(t('csv.errorsLead'));
  const errors = page.getByRole('table', { name: t('csv.errorsTitle') });
  await expect(errors.getByRole('row')).toHaveCount(3); // header + the two bad rows
  // The header is line 1, so the second person is on line 3 and the third on line 4.
  const emailRow = errors.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
  await expect(emailRow).toContainText(t('csv.row.email', { value: 'correo-sin-arroba.stps.gob.mx' }));
  const curpRow = errors.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '4', exact: true }) });
  await expect(curpRow).toContainText(t('curp.checkDigit', { expected: correctCheckDigit(people[2]?.curp) }));
  await expect(confirmButton(page)).toHaveCount(0);

  expect(countEnrollments(cohort.id)).toBe(0);
  expect(countAccountsWithEmails(people.map((p) => p.correo))).toBe(0);
});

test('coordinator confirms a good CSV, sees the invitation links, and a second upload changes nothing', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  const people = demoCsvPeople(3);
  const file = csvFile(people, { name: 'generacion-utf8.csv' });

  await preview(page, cohort.id, file);
  await expect(page.getByText(importRowsSummary({ total: 3, valid: 3, invalid: 0 }))).toBeVisible();
  await expect(page.getByText(importAccountsSummary({ newPeople: 3, existing: 0, already: 0 }))).toBeVisible();
  const previewTable = page.getByRole('table', { name: t('csv.previewTitle') });
  for (const person of people) await expect(previewTable.getByRole('cell', { name: person.nombre })).toBeVisible();
  expect(countEnrollments(cohort.id)).toBe(0);

  await page.getByRole('button', { name: t('csv.confirm', { count: 3 }) }).click();
  await expect(page.getByRole('status')).toContainText(importDoneMessage({ enrolled: 3, created: 3, skipped: 0 }));
  const links = page.getByRole('table', { name: t('csv.invitationsTitle') });
  for (const person of people) {
    const row = links.getByRole('row').filter({ has: page.getByRole('rowheader', { name: person.nombre }) });
    await expect(row).toContainText(person.correo);
    await expect(row.locator('code')).toHaveText(/^http:\/\/127\.0\.0\.1:4322\/invitacion\/[a-z2-7]+$/);
  }
  expect(countEnrollments(cohort.id)).toBe(3);
  expect(countAccountsWithEmails(people.map((p) => p.correo))).toBe(3);

  await preview(page, cohort.id, file);
  await expect(page.getByText(importAccountsSummary({ newPeople: 0, existing: 0, already: 3 }))).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: t('csv.nothingToDo') })).toBeVisible();
  await expect(confirmButton(page)).toHaveCount(0);
  expect(countEnrollments(cohort.id)).toBe(3);
  expect(countAccountsWithEmails(people.map((p) => p.correo))).toBe(3);
});

test('coordinator imports a Windows-1252 CSV separated by semicolons, accents intact', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  const people = demoCsvPeople(2).map((p, i) => (i === 0 ? { ...p, nombre: 'Begoña Ibáñez Núñez' } : p));

  await preview(page, cohort.id, csvFile(people, { name: 'excel-1252.csv', delimiter: ';', encoding: 'windows-1252' }));
  const previewTable = page.getByRole('table', { name: t('csv.previewTitle') });
  await expect(previewTable.getByRole('cell', { name: 'Begoña Ibáñez Núñez' })).toBeVisible();
  await expect(previewTable.getByRole('cell', { name: people[1]?.oficina ?? '' })).toBeVisible();

  await page.getByRole('button', { name: t('csv.confirm', { count: 2 }) }).click();
  await expect(page.getByRole('status')).toContainText(importDoneMessage({ enrolled: 2, created: 2, skipped: 0 }));
  expect(countEnrollments(cohort.id)).toBe(2);

  await page.getByRole('link', { name: t('cohort.roster') }).click();
  await expect(page).toHaveURL(`/coordinacion/generaciones/${cohort.id}`);
  await expect(page.getByRole('table', { name: t('cohort.roster') }).getByRole('link', { name: 'Begoña Ibáñez Núñez' })).toBeVisible();
});

test('coordinator is told in Spanish that a file is empty, or where its quotes are wrong', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  await page.goto(`/coordinacion/generaciones/${cohort.id}/importar`);
  const upload = page.getByRole('region', { name: t('csv.file') }).getByLabel(t('csv.file'));
  await upload.setInputFiles({ name: 'vacio.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await page.getByRole('button', { name: t('csv.preview') }).click();
  await expect(page.getByText(t('csv.emptyFile', { name: 'vacio.csv' }))).toBeVisible();

  const [person] = demoCsvPeople(1);
  const garbage = `nombre,correo,curp,entidad,oficina\r\n${person?.nombre} "=cmd|calc",${person?.correo},,${person?.entidad},Oficina\r\n`;
  await page
    .getByRole('region', { name: t('csv.file') })
    .getByLabel(t('csv.file'))
    .setInputFiles({ name: 'comillas.csv', mimeType: 'text/csv', buffer: Buffer.from(garbage, 'utf8') });
  await page.getByRole('button', { name: t('csv.preview') }).click();
  await expect(page.getByRole('alert')).toHaveText(t('csv.unreadable.quote', { line: 2 }));
  await expect(page.getByText('=cmd|calc')).toHaveCount(0);
  expect(countEnrollments(cohort.id)).toBe(0);
});
