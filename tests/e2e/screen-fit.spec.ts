import type { Page } from '@playwright/test';
import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { createAccountIn, createCohortIn, expect, signIn, test } from './helpers.ts';

/**
 * What each role sees fits the screen it uses: an inspector's phone (390 × 844) and a staff
 * desktop (1366 × 768), as issue #12 tried them.
 */
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
const LESSON = '/diplomado/01-fundamentos-inspeccion/01-funcion-de-la-inspeccion';

test('inspector on a phone opens a glossary definition and all of it is on the screen', async ({ page, signInAs }) => {
  await page.setViewportSize(PHONE);
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(LESSON);
  const term = page.getByRole('button', { name: 'acto de molestia' });
  await term.scrollIntoViewIfNeeded();
  await term.focus();
  const tip = page.getByRole('tooltip').filter({ visible: true });
  await expect(tip).toHaveCount(1);
  const box = await tip.boundingBox();
  if (!box) throw new Error('the definition has no box');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  // Escape still hides it (WCAG 1.4.13).
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);
});

/** The tops of the main navigation's links: one distinct value when they share one line. */
async function navRows(page: Page): Promise<number> {
  const links = page.getByRole('navigation', { name: t('nav.label') }).getByRole('link');
  const tops = await links.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(0);
  return new Set(tops).size;
}

const STAFF: Role[][] = [['coordinator'], ['admin'], ['admin', 'coordinator', 'instructor', 'inspector']];
for (const roles of STAFF) {
  test(`${roles.join(' + ')} sees every area of the navigation on one line at 1366 px`, async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    const account = createAccountIn(roles, { fullName: 'María de los Ángeles Ñúñez Gutiérrez de la Barrera' });
    if (roles.includes('inspector')) createCohortIn({ inspectorIds: [account.id] });
    await signIn(page.context(), account);
    await page.goto('/diplomado');
    expect(await navRows(page)).toBe(1);
    await expect(page.getByText(t('nav.signedInAs', { name: account.fullName }))).toBeVisible();
  });
}

test('coordinator sees “Dar de baja” on one line in a cohort roster at 1366 px', async ({ page, signInAs }) => {
  await page.setViewportSize(DESKTOP);
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector'], { office: 'Oficina de Representación Federal del Trabajo en Tlalnepantla de Baz' });
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  const summary = page.locator('summary', { hasText: t('enrollment.withdraw') }).first();
  const lines = await summary.evaluate((el) => {
    // The visible words only (the person's name after them is for screen readers).
    const words = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE);
    if (!words) throw new Error('the summary has no text');
    const range = document.createRange();
    range.selectNodeContents(words);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lines).toBe(1);
});

test('on a phone the header keeps to the brand, the account and one row of areas', async ({ page, signInAs }) => {
  await page.setViewportSize(PHONE);
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto('/aprendizaje');
  expect(await navRows(page)).toBe(1);
  const header = await page.locator('header.site-header').boundingBox();
  expect(header?.height ?? 0).toBeLessThan(140);
  await expect(page.getByRole('link', { name: t('nav.account') })).toBeVisible();
  await expect(page.getByRole('button', { name: t('nav.signOut') })).toBeVisible();
});
