import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { createAccountIn, createCohortIn, csvFile, demoCsvPeople, expect, expectNoAxeViolations, test } from './helpers.ts';

/** Opens the page, waits for its main heading, then runs axe on it. */
async function scan(page: Page, path: string, heading: string | RegExp, status = 200): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(status);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expectNoAxeViolations(page);
}

test('visitor finds no WCAG A/AA violations on the home page', async ({ page }) => {
  await scan(page, '/', t('home.title'));
});

test('visitor finds no WCAG A/AA violations on the sign-in page, also after a failed attempt', async ({ page }) => {
  await scan(page, '/ingresar', t('auth.signIn.title'));
  await page.getByLabel(t('auth.signIn.email')).fill('nadie@e2e.aula.mx');
  await page.getByLabel(t('auth.signIn.password')).fill('no-existe-esta-cuenta');
  await page.getByRole('button', { name: t('auth.signIn.submit') }).click();
  await expect(page.getByRole('alert')).toHaveText(t('auth.signIn.invalid'));
  await expectNoAxeViolations(page);
});

test('inspector finds no WCAG A/AA violations on /aprendizaje', async ({ page, signInAs }) => {
  const inspector = await signInAs('inspector');
  const instructor = createAccountIn(['instructor']);
  createCohortIn({ instructorIds: [instructor.id], inspectorIds: [inspector.id] });
  await scan(page, '/aprendizaje', t('learner.title'));
});

test('instructor finds no WCAG A/AA violations on /instructor and a cohort roster', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const learners = [createAccountIn(['inspector']), createAccountIn(['inspector'])];
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: learners.map((l) => l.id) });
  await scan(page, '/instructor', t('instructor.title'));
  await scan(page, `/instructor/generaciones/${cohort.id}`, cohort.name);
});

test('coordinator finds no WCAG A/AA violations on /coordinacion and /coordinacion/personas', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  createCohortIn({ inspectorIds: [createAccountIn(['inspector']).id] });
  await scan(page, '/coordinacion', t('coordination.title'));
  await scan(page, '/coordinacion/personas', t('people.title'));
});

test('coordinator finds no WCAG A/AA violations on a cohort page with its roster', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const instructor = createAccountIn(['instructor']);
  const learners = [createAccountIn(['inspector']), createAccountIn(['inspector'])];
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: learners.map((l) => l.id) });
  await scan(page, `/coordinacion/generaciones/${cohort.id}`, cohort.name);
});

test('coordinator finds no WCAG A/AA violations on the import page and its previews', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const cohort = createCohortIn();
  await scan(page, `/coordinacion/generaciones/${cohort.id}/importar`, t('csv.title'));

  const people = demoCsvPeople(2);
  await page
    .getByRole('region', { name: t('csv.file') })
    .getByLabel(t('csv.file'))
    .setInputFiles(csvFile(people, { name: 'buena.csv' }));
  await page.getByRole('button', { name: t('csv.preview') }).click();
  await expect(page.getByRole('button', { name: t('csv.confirm', { count: 2 }) })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: t('csv.cancel') }).click();
  const bad = demoCsvPeople(2).map((p, i) => (i === 1 ? { ...p, correo: 'sin-arroba' } : p));
  await page
    .getByRole('region', { name: t('csv.file') })
    .getByLabel(t('csv.file'))
    .setInputFiles(csvFile(bad, { name: 'mala.csv' }));
  await page.getByRole('button', { name: t('csv.preview') }).click();
  await expect(page.getByRole('table', { name: t('csv.errorsTitle') })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('admin finds no WCAG A/AA violations on /admin/auditoria', async ({ page, signInAs }) => {
  await signInAs('admin');
  createCohortIn({ inspectorIds: [createAccountIn(['inspector']).id] });
  await scan(page, '/admin/auditoria', t('audit.title'));
});

test('inspector finds no WCAG A/AA violations on /cuenta', async ({ page, signInAs }) => {
  await signInAs('inspector');
  await scan(page, '/cuenta', t('account.title'));
});

test('inspector finds no WCAG A/AA violations on the 403 page', async ({ page, signInAs }) => {
  await signInAs('inspector');
  await scan(page, '/coordinacion', t('forbidden.title'), 403);
});

/** Every module's lessons, as URL paths. */
const lessonPathsByModule = readdirSync('content/modules', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({
    module: d.name,
    paths: readdirSync(`content/modules/${d.name}`)
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((f) => `/diplomado/${d.name}/${f.replace(/\.mdx$/, '')}`),
  }))
  .sort((a, b) => a.module.localeCompare(b.module));
const WIDE_TABLE_LESSONS = [
  '/diplomado/07-herramientas-autopartes/04-evidencia-cadena-de-custodia',
  '/diplomado/08-planeacion-datos-ecms/04-plan-regional-edomex-puebla-slp',
];

test('instructor on a phone scrolls the wide tables of a lesson with the keyboard, each in a named region', async ({ page, signInAs }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs('instructor');
  for (const path of WIDE_TABLE_LESSONS) {
    expect((await page.goto(path))?.status()).toBe(200);
    const regions = page.getByRole('region', { name: /^Tabla: / });
    await expect(regions.first()).toBeVisible();
    let scrolled = 0;
    for (const region of await regions.all()) {
      await expect(region).toHaveAttribute('tabindex', '0');
      await expect(region.getByRole('table')).toBeVisible();
      if (!(await region.evaluate((el) => el.scrollWidth > el.clientWidth))) continue;
      await region.focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      scrolled += 1;
    }
    expect(scrolled, `a table wider than a phone on ${path}`).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  }
});

test('every module has lessons to scan', () => {
  expect(lessonPathsByModule.length).toBeGreaterThan(0);
  expect(lessonPathsByModule.every((m) => m.paths.length > 0)).toBe(true);
});

for (const { module, paths } of lessonPathsByModule) {
  test(`instructor finds no WCAG A/AA violations in the body of any lesson of ${module}`, async ({ page, signInAs }) => {
    test.setTimeout(120_000);
    await signInAs('instructor');
    const failures: string[] = [];
    for (const path of paths) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The lesson body is what differs from page to page (the page around it is scanned above);
      // every lesson is scanned, and all their violations reported together.
      await expectNoAxeViolations(page, '.lesson-body').catch((error: Error) => failures.push(error.message));
    }
    expect(failures.join('\n\n')).toBe('');
  });
}
