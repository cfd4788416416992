import { readdirSync, readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { lessonProgress } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { formatDateTime, tCount } from '../../src/lib/format.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createCohortIn, e2eDb, expect, expectNoAxeViolations, test, unique } from './helpers.ts';

const MODULE_1 = '01-fundamentos-inspeccion';
const MODULE_2 = '02-reforma-laboral-2019';
const moduleTitle = (slug: string) => (parse(readFileSync(`content/modules/${slug}/module.yaml`, 'utf8')) as { title: string }).title;
const lessons = (slug: string) =>
  readdirSync(`content/modules/${slug}`)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((file) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(`content/modules/${slug}/${file}`, 'utf8'))?.[1] ?? '';
      return { id: `${slug}/${file.replace(/\.mdx$/, '')}`, ...(parse(front) as { title: string; minMinutes: number }) };
    });

async function enrolledInspector(signInAs: (role: 'inspector') => Promise<{ id: number }>) {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  return me;
}

test('inspector opens module 1, reads a lesson, completes it, and sees progress change', async ({ page, signInAs }) => {
  const me = await enrolledInspector(signInAs);
  const [first] = lessons(MODULE_1);
  if (!first) throw new Error('module 1 has no lessons');
  const total = lessons(MODULE_1).length;

  await page.goto('/diplomado');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Module 2 waits for module 1 and says so.
  await expect(page.getByText(t('module.lockedBecause', { modules: moduleTitle(MODULE_1) })).first()).toBeVisible();

  await page.getByRole('link', { name: moduleTitle(MODULE_1) }).click();
  await expect(page.getByRole('heading', { level: 1, name: moduleTitle(MODULE_1) })).toBeVisible();
  await expect(page.getByText(tCount('program.progress', total, { done: 0 }))).toBeVisible();

  const heartbeat = page.waitForResponse((r) => r.url().endsWith('/api/progreso') && r.request().method() === 'POST');
  await page.getByRole('link', { name: first.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: first.title })).toBeVisible();
  expect((await heartbeat).status()).toBe(200);

  // Too early: the button waits, and beside it the missing time counts down while the page is read.
  const complete = page.getByRole('button', { name: t('lesson.complete') });
  await expect(complete).toBeDisabled();
  const timer = page.getByRole('timer');
  await expect(timer).toHaveText(/^Faltan \d+ min \d\d s de estudio/);
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before ?? '');

  // The learner has now studied long enough (heartbeats are tested in tests/integration/progress.test.ts).
  e2eDb()
    .update(lessonProgress)
    .set({ engagedSeconds: first.minMinutes * 60 })
    .where(and(eq(lessonProgress.userId, me.id), eq(lessonProgress.lessonId, first.id)))
    .run();
  await page.reload();
  await expect(page.getByRole('timer')).toHaveText(t('lesson.remaining.ready'));
  await complete.click();
  await expect(page).toHaveURL(/completada=1/);
  await expect(page.getByRole('status').filter({ hasText: t('lesson.completedNow') })).toBeVisible();

  await page.goto(`/diplomado/${MODULE_1}`);
  await expect(page.getByText(tCount('program.progress', total, { done: 1 }))).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('inspector who completes a lesson too early lands on the message that says how long is missing', async ({ page, signInAs }) => {
    await enrolledInspector(signInAs);
    const [first] = lessons(MODULE_1);
    if (!first) throw new Error('module 1 has no lessons');
    await page.goto(`/diplomado/${first.id}`);
    await expect(page.getByText(tCount('lesson.remaining', first.minMinutes))).toBeVisible();
    await page.getByRole('button', { name: t('lesson.complete') }).click();
    await expect(page).toHaveURL(/#avance$/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`${first.minMinutes} requeridos`);
    await expect(alert).toBeInViewport();
  });
});

test('inspector asking for a lesson of a locked module is sent to the module page, which says what is missing', async ({
  page,
  signInAs,
}) => {
  await enrolledInspector(signInAs);
  const [lesson] = lessons(MODULE_2);
  await page.goto(`/diplomado/${lesson?.id}`);
  await expect(page).toHaveURL(`/diplomado/${MODULE_2}?bloqueada=1`);
  const notice = page.getByRole('status').filter({ hasText: t('module.lockedBecause', { modules: moduleTitle(MODULE_1) }) });
  await expect(notice).toContainText(t('module.lockedLesson'));
});

test('inspector sees search results and legal-index citations of a locked module marked, with the module to complete', async ({
  page,
  signInAs,
}) => {
  await enrolledInspector(signInAs);
  const lockedTitle = lessons(MODULE_2).find((l) => l.id.endsWith('03-voto-constancia-y-legitimacion'))?.title ?? '';
  const why = t('lesson.lockedUntil', { modules: t('lesson.lockedUntil.module', { number: 1, title: moduleTitle(MODULE_1) }) });

  await page.goto('/diplomado/buscar?q=legitimacion');
  const result = page.locator('.search-results li').filter({ hasText: lockedTitle });
  await expect(result).toContainText(t('lesson.locked'));
  await expect(result).toContainText(why);
  await expect(result.getByRole('link', { name: lockedTitle })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.goto('/diplomado/legislacion');
  await expect(page.getByText(t('legal.lockedNote'))).toBeVisible();
  const shortWhy = t('lesson.lockedUntil.short', { modules: t('lesson.lockedUntil.shortModule', { number: 1 }) });
  await expect(page.locator('.locked-lesson').first()).toContainText(shortWhy);
  // No link of the index leads into module 2 while it is locked; module 1's still do.
  await expect(page.locator(`a[href^="/diplomado/${MODULE_2}/"]`)).toHaveCount(0);
  await expect(page.locator(`a[href^="/diplomado/${MODULE_1}/"]`).first()).toBeVisible();
});

test('inspector of a cohort that has not started reads lessons, is told when it starts, and cannot take a quiz yet', async ({
  page,
  signInAs,
}) => {
  const me = await signInAs('inspector');
  const db = e2eDb();
  const name = `Generación ${unique('futura')}`;
  const { id } = createCohort(db, {
    name,
    startsOn: '2099-03-02',
    endsOn: '2099-08-28',
    instructorIds: [],
    actorId: null,
  });
  enrollInspector(db, { cohortId: id, userId: me.id, actorId: null });
  const said = t('program.notStarted', { cohort: name, date: '2 de marzo de 2099' });

  await page.goto('/diplomado');
  await expect(page.getByRole('status').filter({ hasText: said })).toBeVisible();
  await page.goto(`/diplomado/${lessons(MODULE_1)[0]?.id}`);
  await expect(page.getByRole('heading', { level: 1, name: lessons(MODULE_1)[0]?.title })).toBeVisible();
  await page.goto(`/diplomado/${MODULE_1}/evaluacion`);
  await expect(page.getByRole('button', { name: t('quiz.start') })).toHaveCount(0);
  await expect(page.getByText(t('quiz.notOpen', { date: formatDateTime(new Date('2099-03-02T06:00:00Z')) }))).toBeVisible();
});

test('inspector who is not enrolled cannot open the lessons', async ({ page, signInAs }) => {
  await signInAs('inspector');
  expect((await page.goto('/diplomado'))?.status()).toBe(403);
  await expect(page.getByText(t('program.noAccess'))).toBeVisible();
  expect((await page.goto(`/diplomado/${lessons(MODULE_1)[0]?.id}`))?.status()).toBe(403);
});

test('instructor previews any module without locks and without recording progress', async ({ page, signInAs }) => {
  await signInAs('instructor');
  const [lesson] = lessons(MODULE_2);
  expect((await page.goto(`/diplomado/${lesson?.id}`))?.status()).toBe(200);
  await expect(page.getByText(t('lesson.staffNote'))).toBeVisible();
  await expect(page.getByRole('button', { name: t('lesson.complete') })).toHaveCount(0);
});

test('inspector searches without accents and finds lessons on subcontratación', async ({ page, signInAs }) => {
  await enrolledInspector(signInAs);
  await page.goto('/diplomado/buscar');
  await page.getByLabel(t('search.query')).fill('subcontratacion');
  await page.getByRole('button', { name: t('search.submit') }).click();
  await expect(page.getByRole('status')).toContainText('resultados');
  await expect(page.locator('.search-results mark').first()).toHaveText(/subcontrataci[oó]n/i);
});

test('inspector finds no WCAG A/AA violations on the program, module, lesson, legal index and glossary pages', async ({
  page,
  signInAs,
}) => {
  await enrolledInspector(signInAs);
  for (const path of [
    '/diplomado',
    `/diplomado/${MODULE_1}`,
    `/diplomado/${lessons(MODULE_1)[0]?.id}`,
    '/diplomado/legislacion',
    '/diplomado/glosario',
  ]) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
});

test('a lesson page ships at most 20 KB of gzipped JavaScript and no framework runtime', async ({ page, signInAs }) => {
  await enrolledInspector(signInAs);
  const scripts: number[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(Number(response.headers()['content-length'] ?? (await response.body()).length));
  });
  await page.goto(`/diplomado/${lessons(MODULE_1)[0]?.id}`);
  const inline = await page.locator('script:not([src])').evaluateAll((els) => els.map((e) => e.textContent?.length ?? 0));
  const external = await page.locator('script[src]').count();
  expect(external).toBe(scripts.length);
  // Inline module scripts travel inside the gzipped HTML; count them at full size to be safe.
  expect(scripts.reduce((a, b) => a + b, 0) + inline.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20 * 1024);
  expect(await page.locator('astro-island').count()).toBe(0);
});
