import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { hoursLedger, lessonProgress } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, type signInAs as signInAsHelper, test } from './helpers.ts';

const MODULE_1 = '01-fundamentos-inspeccion';
const lessons = readdirSync(`content/modules/${MODULE_1}`)
  .filter((f) => f.endsWith('.mdx'))
  .sort()
  .map((file) => {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(`content/modules/${MODULE_1}/${file}`, 'utf8'))?.[1] ?? '';
    return { id: `${MODULE_1}/${file.replace(/\.mdx$/, '')}`, ...(parse(front) as { title: string; minMinutes: number }) };
  });

/** An inspector signed in on the page, enrolled in a cohort, and module 1's first lesson. */
async function enrolledInspector(signInAs: (role: 'inspector') => ReturnType<typeof signInAsHelper>) {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  const [first] = lessons;
  if (!first) throw new Error('module 1 has no lessons');
  return { me, first };
}

/**
 * Waits until the service worker is installed, active and in control of the page, with the
 * offline page in its precache: the worker registers after the page loads and installs in the
 * background, and a step taken before that would race it.
 */
async function offlineReady(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        const precached = await Promise.all(
          (await caches.keys()).map(async (name) => (await caches.open(name)).match('/sin-conexion/index.html', { ignoreSearch: true })),
        );
        return Boolean(navigator.serviceWorker.controller) && precached.some(Boolean);
      }),
    )
    .toBe(true);
}

/**
 * No network for the page nor for its service worker: Chromium's offline emulation does not
 * always reach the worker's own fetches (they then get the live site), a context route does.
 */
async function goOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.context().route('**/*', (route) => route.abort('internetdisconnected'));
}

async function goOnline(page: Page): Promise<void> {
  await page.context().unrouteAll();
  await page.context().setOffline(false);
}

test('inspector stores a module, studies and completes a lesson offline, and the server credits it once back online', async ({
  page,
  signInAs,
}) => {
  const { me, first } = await enrolledInspector(signInAs);
  // The learner has studied all but the last minute online; that minute is studied offline below.
  e2eDb()
    .insert(lessonProgress)
    .values({
      userId: me.id,
      programSlug: DEFAULT_PROGRAM_SLUG,
      moduleSlug: MODULE_1,
      lessonId: first.id,
      openedAt: new Date(),
      engagedSeconds: first.minMinutes * 60 - 60,
    })
    .run();
  // The page's clock runs ten minutes behind the server's, so the offline minute really passed
  // before the queue reaches the server (which never credits time from the future).
  await page.clock.install({ time: new Date(Date.now() - 10 * 60_000) });

  await page.goto(`/diplomado/${MODULE_1}`);
  await offlineReady(page);
  const offline = page.getByRole('region', { name: t('offline.module.title') });
  await offline.getByRole('button', { name: t('offline.module.store') }).click();
  await expect(offline.getByRole('status')).toContainText(`${lessons.length} lecciones guardadas`);
  await expect(offline.getByRole('button', { name: t('offline.module.remove') })).toBeVisible();
  await expectNoAxeViolations(page);

  await goOffline(page);
  await page.getByRole('link', { name: first.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: t('offline.banner') })).toContainText(t('offline.banner.copy'));
  await expectNoAxeViolations(page);

  // A minute of reading: beats are queued on the phone, and the button opens when the time is met.
  const complete = page.getByRole('button', { name: t('lesson.complete') });
  await expect(complete).toBeDisabled();
  for (let s = 0; s < 70; s += 10) {
    await page.mouse.move(100 + s, 200);
    await page.clock.runFor(10_000);
  }
  await expect(complete).toBeEnabled();
  await complete.click();
  await expect(page.getByText(t('offline.completionQueued'))).toBeVisible();
  expect(
    e2eDb()
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, me.id), eq(lessonProgress.lessonId, first.id)))
      .get()?.completedAt,
  ).toBeNull();

  // Quizzes stay online-only, and say so.
  await page.goto(`/diplomado/${MODULE_1}`);
  await expect(page.getByRole('link', { name: t('offline.requiresConnection') }).first()).toBeVisible();
  await page.goto(`/diplomado/${MODULE_1}/evaluacion`);
  await expect(page.getByRole('heading', { level: 1, name: t('offline.page.title') })).toBeVisible();
  await expect(page.getByText(t('offline.page.online'))).toBeVisible();
  await expect(page.getByRole('link', { name: first.title })).toBeVisible();
  await expectNoAxeViolations(page);

  // Back online on the stored lesson: the queue goes to the server when the connection returns,
  // which credits the minute and the completion once, and the page says what it accepted. (Going
  // online on another page would send the queue from there, before the lesson opens.)
  await page.goto(`/diplomado/${first.id}`);
  await expect(page.getByRole('status').filter({ hasText: t('offline.banner') })).toBeVisible();
  await goOnline(page);
  // Usually the answer the page hears. In CI the page once heard only a second sending of the
  // batch, the first one's answer lost on the way back (decision 023: a batch sent again credits
  // nothing twice), and said the lesson was already completed, which is as true. The rows below
  // must show the minute and the completion credited once either way.
  const completed = new RegExp(
    [t('offline.sync.completed', { title: first.title }), t('offline.sync.alreadyCompleted', { title: first.title })]
      .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
  );
  // Chromium 150 keeps navigator.onLine true on a page its worker answered offline and never fires
  // "online": the page's own retries (1 s, then 3 s later) send the queue, hence the longer wait.
  await expect(page.getByRole('status').filter({ hasText: completed })).toBeVisible({ timeout: 15_000 });
  const row = e2eDb()
    .select({ engaged: lessonProgress.engagedSeconds, completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, me.id), eq(lessonProgress.lessonId, first.id)))
    .get();
  expect(row?.completedAt).not.toBeNull();
  expect(row?.engaged).toBeGreaterThanOrEqual(first.minMinutes * 60);
  expect(
    e2eDb()
      .select({ id: hoursLedger.id })
      .from(hoursLedger)
      .where(and(eq(hoursLedger.userId, me.id), eq(hoursLedger.ref, first.id)))
      .all(),
  ).toHaveLength(1);
  await page.reload();
  await expect(page.getByRole('button', { name: t('lesson.complete') })).toHaveCount(0);

  // Signing out leaves nothing of the learner on the phone (the public shell may stay).
  await page.getByRole('button', { name: t('nav.signOut') }).click();
  await expect(page).toHaveURL(/salio=1/);
  const personalCaches = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('aula-modulo-')).length);
  await expect.poll(personalCaches).toBe(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('aula.')))).toEqual([]);
});

test('inspector removes a stored module from the device, and its lessons no longer open offline', async ({ page, signInAs }) => {
  const { first } = await enrolledInspector(signInAs);
  await page.goto(`/diplomado/${MODULE_1}`);
  await offlineReady(page);
  const offline = page.getByRole('region', { name: t('offline.module.title') });
  await expect(offline.getByRole('status')).toHaveText(t('offline.module.notStored'));
  // One button at a time: «Quitar» clicked while the worker still stored the module was undone by
  // the store's last write (the class's display once overrode `hidden`).
  await expect(offline.getByRole('button', { name: t('offline.module.remove') })).toBeHidden();
  await offline.getByRole('button', { name: t('offline.module.store') }).click();
  await offline.getByRole('button', { name: t('offline.module.remove') }).click();
  await expect(offline.getByRole('button', { name: t('offline.module.remove') })).toBeHidden();
  await expect(offline.getByRole('status')).toHaveText(t('offline.module.notStored'));
  const storedModules = () => page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('aula-modulo-')));
  await expect.poll(storedModules).toEqual([]);

  await goOffline(page);
  await page.goto(`/diplomado/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: t('offline.page.title') })).toBeVisible();
  await expect(page.getByText(t('offline.page.none'))).toBeVisible();
});

test('when the session ends mid-lesson, the studied time waits on the device and is credited after signing in again', async ({
  page,
  signInAs,
}) => {
  const { me, first } = await enrolledInspector(signInAs);
  // The page's clock starts at the server's: the first beat goes live, the next ones (the clock
  // run ahead) wait on the device, and the server credits them up to the time that really passed.
  await page.clock.install();
  await page.goto(`/diplomado/${first.id}`);
  await expect(page.getByText(t('lesson.engaged', { minutes: 0, required: first.minMinutes }))).toBeVisible();
  await page.context().clearCookies();
  for (let s = 0; s < 70; s += 10) {
    await page.mouse.move(100 + s, 200);
    await page.clock.runFor(10_000);
  }
  await expect(page.getByText(t('lesson.signedOut'))).toBeVisible();
  const queued = async () => (await page.evaluate((id) => localStorage.getItem(`aula.cola.${id}`), String(me.id))) ?? '';
  // Every beat while signed out waits, not only the first.
  expect(JSON.parse(await queued()).beats).toHaveLength(2);

  // Real seconds pass before the person is back: only those are credited, never the page's clock.
  await page.waitForTimeout(2500);
  await signIn(page.context(), me);
  const sent = page.waitForResponse((r) => r.url().endsWith('/api/progreso/sincronizar') && r.status() === 200);
  await page.reload();
  await sent;
  await expect.poll(queued).not.toContain(first.id);
  const row = e2eDb()
    .select({ engaged: lessonProgress.engagedSeconds })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, me.id), eq(lessonProgress.lessonId, first.id)))
    .get();
  expect(row?.engaged).toBeGreaterThanOrEqual(2);
  expect(row?.engaged).toBeLessThanOrEqual(45);
});
