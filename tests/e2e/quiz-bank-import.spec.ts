import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { BANK_UPLOAD_MAX_BYTES } from '../../src/lib/server/quizzes/bank-upload.ts';
import { BASE_URL, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE = '01-fundamentos-inspeccion';
/** The file input (its label also names the form's region, so getByLabel finds both). */
const fileInput = (page: Page) => page.locator('input[type="file"][name="file"]');
const PAGE = `/diplomado/${MODULE}/evaluacion/importar`;

// Two questions: the first converts, the second never closes its braces (line 5).
const GIFT = `$CATEGORY: $course$/top/Módulo 1/Conceptos

::Artículo 12:: ¿Qué artículo de la LFT prohíbe la subcontratación de personal? {=Art. 12#Correcto ~Art. 15#El 15 regula el registro}

::Rota:: Esta pregunta nunca cierra sus llaves {=a ~b
`;

test('instructor uploads a GIFT bank, sees the per-question report and downloads quiz.yaml', async ({ page, signInAs }) => {
  await signInAs('instructor');
  // From the instructor's page for the module's quiz (item analysis, bank, preview).
  await page.goto(`/instructor/evaluaciones/${MODULE}`);
  await page.getByRole('link', { name: t('bankImport.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('bankImport.title') })).toBeVisible();

  await fileInput(page).setInputFiles({ name: 'banco.gift', mimeType: 'text/plain', buffer: Buffer.from(GIFT, 'utf8') });
  await page.getByRole('button', { name: t('bankImport.submit') }).click();

  await expect(
    page.getByRole('heading', { level: 2, name: t('bankImport.resultTitle', { file: 'banco.gift', format: 'GIFT' }) }),
  ).toBeVisible();
  await expect(page.getByText('2 preguntas: 1 convertida, 1 no convertida.')).toBeVisible();
  const problems = page.getByRole('table', { name: t('bankImport.problemsTitle') });
  const broken = problems.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Rota' }) });
  await expect(broken.getByRole('cell').first()).toHaveText('5');
  await expect(page.getByText(t('bankImport.partial'))).toBeVisible();
  await expectNoAxeViolations(page);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: t('bankImport.download') }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('quiz.yaml');
  const quiz = quizSchema.parse(parse(readFileSync(await download.path(), 'utf8')));
  expect(quiz.pools.map((p) => p.title)).toEqual(['Módulo 1 / Conceptos']);
  expect(quiz.pools[0]?.questions.map((q) => q.prompt)).toEqual(['¿Qué artículo de la LFT prohíbe la subcontratación de personal?']);
});

test('an empty, an oversized and a binary file each get a Spanish message and no download', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  await page.goto(PAGE);
  const submit = async (name: string, buffer: Buffer) => {
    await fileInput(page).setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await page.getByRole('button', { name: t('bankImport.submit') }).click();
  };
  await submit('vacio.xml', Buffer.alloc(0));
  await expect(page.getByText(t('bankImport.empty'))).toBeVisible();
  await submit('enorme.gift', Buffer.alloc(BANK_UPLOAD_MAX_BYTES + 1, 'a'));
  await expect(page.getByText(t('bankImport.tooLarge', { max: BANK_UPLOAD_MAX_BYTES / 1024 / 1024 }))).toBeVisible();
  await submit('imagen.xml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  await expect(page.getByRole('table', { name: t('bankImport.problemsTitle') })).toContainText('El archivo no es de texto');
  await expect(page.getByText(t('bankImport.none'))).toBeVisible();
  await expect(page.getByRole('link', { name: t('bankImport.download') })).toHaveCount(0);
});

const MATRIX: { role: Role | null; status: number }[] = [
  { role: 'instructor', status: 200 },
  { role: 'coordinator', status: 200 },
  { role: 'admin', status: 200 },
  { role: 'inspector', status: 403 },
];

for (const { role, status } of MATRIX) {
  test(`${role} opening the bank import page gets ${status}, and a crafted upload is converted only for staff`, async ({
    page,
    signInAs,
  }) => {
    if (role) await signInAs(role);
    const response = await page.goto(PAGE);
    expect(response?.status()).toBe(status);
    const posted = await page.request.post(`${PAGE}?_action=quizBank.convert`, {
      multipart: { file: { name: 'banco.gift', mimeType: 'text/plain', buffer: Buffer.from(GIFT, 'utf8') } },
      headers: { Origin: BASE_URL },
    });
    expect(posted.status()).toBe(status);
    const body = await posted.text();
    if (status === 200) expect(body).toContain('1 convertida');
    else expect(body).not.toContain('convertida');
  });
}

test('anonymous visitor is sent to sign in, and a crafted upload converts nothing', async ({ page }) => {
  await page.goto(PAGE);
  await expect(page).toHaveURL(/\/ingresar\?siguiente=/);
  const posted = await page.request.post(`${PAGE}?_action=quizBank.convert`, {
    multipart: { file: { name: 'banco.gift', mimeType: 'text/plain', buffer: Buffer.from(GIFT, 'utf8') } },
    headers: { Origin: BASE_URL },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(303);
  expect(await posted.text()).not.toContain('convertida');
});
