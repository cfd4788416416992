import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { and, eq } from 'drizzle-orm';
import { checklistMarks, lessonProgress } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { passQuiz } from '../certificate-helpers.ts';
import { marksFromForm, saveChecklistMarks } from '../../src/lib/server/tools/checklist-marks.ts';
import { checklistSchema } from '../../src/lib/tools/checklist-schema.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const MODULE_6 = '06-procedimiento-inspeccion';
const LESSON = '07-herramientas-autopartes/01-lista-verificacion-subcontratacion';

/** Module 7 opens once module 6 is complete: its lessons done and its quiz passed. */
function completeModule6(userId: number): void {
  const db = e2eDb();
  const at = new Date('2026-10-01T17:00:00Z');
  for (const file of readdirSync(`content/modules/${MODULE_6}`).filter((f) => f.endsWith('.mdx'))) {
    const lessonId = `${MODULE_6}/${file.replace(/\.mdx$/, '')}`;
    db.insert(lessonProgress)
      .values({
        userId,
        programSlug: DEFAULT_PROGRAM_SLUG,
        moduleSlug: MODULE_6,
        lessonId,
        openedAt: at,
        engagedSeconds: 3600,
        completedAt: at,
      })
      .run();
  }
  passQuiz(db, userId, MODULE_6, 0.9);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a learner marks the subcontracting checklist in its lesson and finds the marks saved', async ({ page, signInAs }) => {
    const me = await signInAs('inspector');
    createCohortIn({ inspectorIds: [me.id] });
    completeModule6(me.id);

    await page.goto(`/diplomado/${LESSON}`);
    const form = page.locator('#lista-subcontratacion');
    await expect(form.getByRole('heading', { name: 'Lista de verificación: subcontratación' })).toBeVisible();
    await form
      .getByRole('radiogroup', { name: t('checklist.mark.legend', { item: 'S-1' }), exact: true })
      .getByLabel(t('checklist.mark.no_cumple'), { exact: true })
      .check();
    await form.getByLabel(t('checklist.note', { item: 'S-1' }), { exact: true }).fill('Conteo propio: 1,020 personas de la contratista');
    await form
      .getByRole('radiogroup', { name: t('checklist.mark.legend', { item: 'S-14' }), exact: true })
      .getByLabel(t('checklist.mark.cumple'), { exact: true })
      .check();
    await form.getByRole('button', { name: t('checklist.save') }).click();

    await expect(page).toHaveURL(/lista=subcontratacion/);
    await expect(page.getByRole('status').filter({ hasText: t('checklist.saved') })).toBeVisible();
    await page.goto(`/diplomado/${LESSON}`);
    const again = page.locator('#lista-subcontratacion');
    await expect(
      again
        .getByRole('radiogroup', { name: t('checklist.mark.legend', { item: 'S-1' }), exact: true })
        .getByLabel(t('checklist.mark.no_cumple'), { exact: true }),
    ).toBeChecked();
    await expect(again.getByLabel(t('checklist.note', { item: 'S-1' }), { exact: true })).toHaveValue(
      'Conteo propio: 1,020 personas de la contratista',
    );
    const row = e2eDb()
      .select()
      .from(checklistMarks)
      .where(and(eq(checklistMarks.userId, me.id), eq(checklistMarks.lessonId, LESSON)))
      .get();
    expect(JSON.parse(row?.marks ?? '{}')['S-14']).toEqual({ mark: 'cumple', note: '' });

    const pdf = await page.request.get(`/diplomado/herramientas/listas/subcontratacion.pdf?leccion=${encodeURIComponent(LESSON)}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });
});

test('the checklist lesson is accessible and still ships at most 20 KB of gzipped JavaScript', async ({ page, signInAs }) => {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  completeModule6(me.id);
  const scripts: number[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(Number(response.headers()['content-length'] ?? (await response.body()).length));
  });
  await page.goto(`/diplomado/${LESSON}`);
  await expect(page.locator('#lista-subcontratacion form')).toBeVisible();
  const inline = await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => e.textContent?.length ?? 0));
  expect(scripts.reduce((a, b) => a + b, 0) + inline.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20 * 1024);
  await expectNoAxeViolations(page, '#lista-subcontratacion');
});

test('an instructor finds the checklists their learners saved and prints one with its marks', async ({ page, signInAs }) => {
  const me = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const other = createAccountIn(['inspector']);
  createCohortIn({ instructorIds: [me.id], inspectorIds: [learner.id] });
  createCohortIn({ inspectorIds: [other.id] });
  // Read as the server does (Vite bundles it there): Playwright runs in plain Node.
  const checklist = checklistSchema.parse(parse(readFileSync('content/tools/checklists/subcontratacion.yaml', 'utf8')));
  const form = new FormData();
  form.set('marca-S-1', 'no_cumple');
  for (const userId of [learner.id, other.id])
    saveChecklistMarks(e2eDb(), { userId, lessonId: LESSON, checklistId: checklist.id, checklist, marks: marksFromForm(checklist, form) });

  await page.goto('/diplomado/07-herramientas-autopartes');
  await page.getByRole('link', { name: t('checklist.index.title') }).click();
  await expect(page.getByRole('rowheader', { name: learner.fullName })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: other.fullName })).toHaveCount(0);
  await expectNoAxeViolations(page);
  const href = await page.getByRole('link', { name: new RegExp(learner.fullName) }).getAttribute('href');
  const pdf = await page.request.get(href ?? '');
  expect(pdf.status()).toBe(200);
  const forbidden = await page.request.get(
    `/diplomado/herramientas/listas/subcontratacion.pdf?leccion=${encodeURIComponent(LESSON)}&persona=${other.id}`,
  );
  expect(forbidden.status()).toBe(403);
});
