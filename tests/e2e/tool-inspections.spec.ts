import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { formatHours } from '../../src/lib/format.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { ledgerTotals, moduleMinutes } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * A practice inspection on a phone (issue 15): a learner plays scenario A with plain forms,
 * submits, reads the feedback point by point and finds the hour credited to module 10.
 */
const PHONE = { width: 390, height: 844 };
const plan = loadHoursPlanFromFiles();
const lerma = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma')?.scenario;
if (!lerma) throw new Error('content/tools/inspections/arneses-lerma.yaml is missing');
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
