import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { formatHours } from '../../src/lib/format.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { ledgerTotals, moduleMinutes } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { saveInspectionStep, startInspection, submitInspection } from '../../src/lib/server/practice/inspection.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * A practice inspection on a phone (issue 15): a learner plays scenario A with plain forms,
 * submits, reads the feedback point by point and finds the hour credited to module 10.
 */
const PHONE = { width: 390, height: 844 };
const plan = loadHoursPlanFromFiles();
const loaded = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma');
if (!loaded) throw new Error('content/tools/inspections/arneses-lerma.yaml is missing');
const lerma = loaded.scenario;
const M10 = '10-practica-integradora';

async function expectFitsThePhone(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

/** Gzipped bytes of the JavaScript the page loads (decision 020: at most 100 KB). */
async function gzippedScriptBytes(page: Page): Promise<number> {
  const sources = await page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src));
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join(''));
  let total = gzipSync(inline).length;
  for (const src of sources) total += gzipSync(Buffer.from(await (await page.request.get(src)).body())).length;
  return total;
}

async function next(page: Page) {
  await page.getByRole('button', { name: t('inspection.next') }).click();
}

test('a learner completes a practice inspection on a phone, sees the feedback and the hour credited', async ({ page }) => {
  test.setTimeout(90_000);
  const db = e2eDb();
  syncHourBudgets(db, plan);
  const learner = createAccountIn(['inspector'], { fullName: 'Itzel Ñañez Xicoténcatl' });
  createCohortIn({ inspectorIds: [learner.id] });
  await page.setViewportSize(PHONE);
  await signIn(page.context(), learner);

  await page.goto('/diplomado/practicas');
  await expect(page.getByRole('heading', { level: 1, name: t('inspection.title') })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);
  expect(await gzippedScriptBytes(page)).toBeLessThan(100 * 1024);
  await page.getByRole('button', { name: lerma.title }).click();

  // 1. Type of inspection: the office's programme, no complaint.
  await expect(page.getByRole('heading', { name: new RegExp(t('inspection.step.tipo')) })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${t('inspection.type.ordinaria')}`) }).check();
  await next(page);
  // 2–4. Documents, interviews, due process and confidentiality.
  for (const d of lerma.documents.filter((x) => x.key)) await page.getByRole('checkbox', { name: d.label }).check();
  await next(page);
  await expect(page.getByText(lerma.documents[0]?.reveals ?? '')).toBeVisible();
  for (const d of lerma.interviews.filter((x) => x.key)) await page.getByRole('checkbox', { name: d.label }).check();
  await next(page);
  for (const c of lerma.checklist.filter((x) => x.expected)) await page.getByRole('checkbox', { name: c.label }).check();
  await next(page);
  // 5. Findings with their legal basis; the page so far carries no rubric.
  const html = await page.content();
  for (const f of lerma.facts) expect(html).not.toContain(f.feedback.slice(0, 50));
  for (const [i, f] of lerma.facts.entries()) {
    const group = page.getByRole('group', { name: t('inspection.fact', { number: i + 1 }) });
    await group.getByLabel(t('inspection.verdict'), { exact: true }).selectOption(f.violation ? 'violacion' : 'cumple');
    if (f.basis[0]) await group.getByLabel(t('inspection.basis1'), { exact: true }).selectOption(f.basis[0]);
  }
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);
  await next(page);
  // 6. Measures with their timing.
  for (const m of lerma.measures)
    await page.getByRole('group', { name: m.label }).getByLabel(t('inspection.timing'), { exact: true }).selectOption(m.expected);
  await next(page);
  // 7. Review and submit.
  await expect(page.getByText(t('inspection.enviar.intro'))).toBeVisible();
  await page.getByRole('button', { name: t('inspection.submit') }).click();

  await expect(page.getByText(t('inspection.credited', { hours: formatHours(60) }))).toBeVisible();
  await expect(page.getByRole('heading', { name: t('inspection.feedback') })).toBeVisible();
  await expect(page.getByText(lerma.facts[0]?.feedback ?? '').first()).toBeVisible();
  await expect(page.getByRole('link', { name: t('inspection.lessonLink') }).first()).toHaveAttribute(
    'href',
    /^\/diplomado\/10-practica-integradora\//,
  );
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);
  expect(moduleMinutes(ledgerTotals(db, learner.id, DEFAULT_PROGRAM_SLUG), M10)).toBe(60);

  // The learner's home says two of module 10's practice inspections are left.
  await page.goto('/aprendizaje');
  await expect(page.getByText(/inspecciones simuladas del módulo 10 que le faltan: 2\./)).toBeVisible();
});

test("an instructor reads a cohort's practice inspections with each learner's choices; another instructor cannot", async ({ page }) => {
  const db = e2eDb();
  syncHourBudgets(db, plan);
  const learner = createAccountIn(['inspector'], { fullName: 'Ximena Ñúñez Oaxaca' });
  const instructor = createAccountIn(['instructor']);
  const stranger = createAccountIn(['instructor']);
  const cohort = createCohortIn({ inspectorIds: [learner.id], instructorIds: [instructor.id] });
  const attempt = startInspection(db, { userId: learner.id, programSlug: DEFAULT_PROGRAM_SLUG, inspection: loaded });
  const form = new FormData();
  form.append('type', 'extraordinaria');
  saveInspectionStep(db, { userId: learner.id, attemptId: attempt.id, scenario: lerma, step: 'tipo', go: 'next', form });
  submitInspection(db, { userId: learner.id, attemptId: attempt.id, inspection: loaded, programSlug: DEFAULT_PROGRAM_SLUG });

  await page.setViewportSize(PHONE);
  await signIn(page.context(), instructor);
  await page.goto(`/generaciones/${cohort.id}/practicas`);
  await expect(page.getByRole('rowheader', { name: 'Ximena Ñúñez Oaxaca' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: new RegExp(t('inspection.cohort.view')) }).click();
  await expect(page.getByText(t('inspection.type.extraordinaria'), { exact: true })).toBeVisible();
  await expect(page.getByText(lerma.type.feedback.slice(0, 60))).toBeVisible();
  await expectNoAxeViolations(page);
  const detail = page.url();

  await page.context().clearCookies();
  await signIn(page.context(), stranger);
  const list = await page.goto(`/generaciones/${cohort.id}/practicas`);
  expect(list?.status()).toBe(403);
  const one = await page.goto(detail);
  expect(one?.status()).toBe(403);
});
