import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parse } from 'yaml';
import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createSession, generateToken } from '../../src/lib/server/auth/session.ts';
import { saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

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

/** Every module's quiz, sent with nothing answered by each learner: grades, "por calificar" and attempts in every column. */
function sendEveryQuiz(userIds: number[], cohortId: number): void {
  const db = e2eDb();
  for (const dir of readdirSync('content/modules').filter((d) => existsSync(`content/modules/${d}/quiz.yaml`))) {
    const quiz = quizSchema.parse(parse(readFileSync(`content/modules/${dir}/quiz.yaml`, 'utf8')));
    for (const userId of userIds) {
      const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: dir, quiz, cohortId });
      saveResponses(db, { attemptId, userId, answers: {} });
      submitAttempt(db, { attemptId, userId });
    }
  }
}

test('instructor reads a full gradebook at 1366 px: the names stay in view while the table scrolls to the last visit', async ({
  page,
  signInAs,
}) => {
  await page.setViewportSize(DESKTOP);
  const instructor = await signInAs('instructor');
  const learners = [
    createAccountIn(['inspector'], { fullName: 'María de los Ángeles Ñúñez Gutiérrez de la Barrera' }),
    ...Array.from({ length: 7 }, () => createAccountIn(['inspector'])),
  ];
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: learners.map((l) => l.id) });
  sendEveryQuiz(
    learners.slice(0, 4).map((l) => l.id),
    cohort.id,
  );
  for (const l of learners.slice(0, 5)) createSession(e2eDb(), generateToken(), l.id); // signed in: a last visit to show

  await page.goto(`/generaciones/${cohort.id}/calificaciones`);
  await page.screenshot({ path: 'tests/.tmp/gradebook-1366.png' });
  // Scanned before scrolling: scrolled, a sort link half under the fixed names counts as obscured.
  await expectNoAxeViolations(page);
  // The table scrolls inside a labelled region that the keyboard reaches (WCAG 2.1.1, axe's scrollable-region-focusable).
  const region = page.getByRole('region', { name: t('gradebook.caption') });
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await region.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  await page.getByRole('rowheader', { name: learners[0]?.fullName }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/.tmp/gradebook-1366-scrolled.png' });
  const lastVisit = await page.getByRole('columnheader', { name: t('gradebook.lastVisit') }).boundingBox();
  const name = await page.getByRole('rowheader', { name: learners[0]?.fullName }).boundingBox();
  const regionBox = await region.boundingBox();
  if (!lastVisit || !name || !regionBox) throw new Error('the gradebook has no box');
  // Scrolled to the end, the last visit is on the screen and the names stay at the left, not under it.
  expect(lastVisit.x + lastVisit.width).toBeLessThanOrEqual(DESKTOP.width);
  expect(name.x).toBeLessThanOrEqual(regionBox.x + 1);
  expect(name.x + name.width).toBeLessThanOrEqual(lastVisit.x);
});

for (const [label, size] of [
  ['1366 px', DESKTOP],
  ['a phone', PHONE],
] as const) {
  test(`instructor home at ${label}: the quizzes card stands apart from the roster above it and fits the width`, async ({
    page,
    signInAs,
  }) => {
    await page.setViewportSize(size);
    const instructor = await signInAs('instructor');
    const learners = Array.from({ length: 3 }, () => createAccountIn(['inspector']));
    createCohortIn({ instructorIds: [instructor.id], inspectorIds: learners.map((l) => l.id) });
    await page.goto('/instructor');
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: t('instructor.quizzes') }) });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `tests/.tmp/instructor-home-${size.width}.png`, fullPage: true });
    const gap = await card.evaluate((el) => {
      const above = el.previousElementSibling;
      if (!above) throw new Error('nothing above the quizzes card');
      return el.getBoundingClientRect().top - above.getBoundingClientRect().bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(16);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(size.width);
  });
}
