import type { Page } from '@playwright/test';
import { t } from '../../src/i18n/index.ts';
import { formatHours } from '../../src/lib/format.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { adjustHours } from '../../src/lib/server/hours/corrections.ts';
import { recordFieldPractice } from '../../src/lib/server/hours/field-practice.ts';
import { ledgerTotals } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { scheduleSession } from '../../src/lib/server/sessions/schedule.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * Where an inspector stands, on their phone (issue #13): the home's progress toward 120 h and
 * what is missing, and "Mis horas" line by line; staff reach one person's hours through their
 * cohort, and nobody else's.
 */
const PHONE = { width: 390, height: 844 };
const plan = loadHoursPlanFromFiles();
const [m1, m6] = [plan.modules[0], plan.modules[5]] as [(typeof plan.modules)[number], (typeof plan.modules)[number]];

/** A learner mid-program, like the demo inspector: lessons done, a practice, an adjustment, a session ahead. */
function learnerMidProgram() {
  const db = e2eDb();
  syncHourBudgets(db, plan);
  const learner = createAccountIn(['inspector'], { fullName: 'Guadalupe Núñez Xochitiotzin' });
  const instructor = createAccountIn(['instructor']);
  const coordinator = createAccountIn(['coordinator']);
  const cohort = createCohortIn({ inspectorIds: [learner.id], instructorIds: [instructor.id] });
  for (const lesson of m1.lessons.slice(0, 2)) {
    const ref = { userId: learner.id, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: m1.slug, lessonId: lesson.id };
    recordHeartbeat(db, ref);
    completeLesson(db, { ...ref, minMinutes: 0, hours: lesson.minutes / 60 });
  }
  recordFieldPractice(db, plan, {
    actorId: instructor.id,
    userId: learner.id,
    cohortId: cohort.id,
    moduleSlug: m6.slug,
    practicedOn: '2026-10-02',
    minutes: 120,
    rubricScore: 90,
    evidenceNote: 'Inspección acompañada en una planta de autopartes de Puebla.',
  });
  adjustHours(db, plan, {
    actorId: coordinator.id,
    userId: learner.id,
    moduleSlug: m1.slug,
    budget: 'live',
    minutes: 90,
    reason: 'Sesión de reposición en la oficina de representación',
  });
  const startsAt = new Date(Date.now() + 2 * 24 * 3600_000);
  scheduleSession(db, {
    cohortId: cohort.id,
    actorId: instructor.id,
    moduleSlug: m6.slug,
    title: 'Taller: el acta de inspección',
    startsAt,
    durationMinutes: 90,
    mode: 'virtual',
    location: 'https://meet.example.mx/acta',
  });
  return { learner, instructor, coordinator, cohort, total: ledgerTotals(db, learner.id, DEFAULT_PROGRAM_SLUG).total };
}

async function expectFitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

test('inspector on a phone sees their hours toward 120 at home, what is missing, and each line in Mis horas', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const { learner, total } = learnerMidProgram();
  await signIn(page.context(), learner);

  await page.goto('/aprendizaje');
  await expect(page.getByRole('heading', { name: t('standing.title') })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: t('standing.progress.label') });
  await expect(bar).toHaveAttribute('value', String(total));
  await expect(bar).toHaveAttribute('max', String(120 * 60));
  await expect(page.getByText(`${formatHours(total)} de ${formatHours(120 * 60)}`)).toBeVisible();
  await expect(page.getByText(/^Le faltan .* y aprobar las evaluaciones de los módulos 1, 2, 3/)).toBeVisible();
  const nextLesson = m1.lessons[2]?.id.split('/')[1];
  await expect(page.getByRole('link', { name: /^Continúe con/ })).toHaveAttribute('href', `/diplomado/${m1.slug}/${nextLesson}`);
  await expect(page.getByRole('heading', { name: 'Taller: el acta de inspección' })).toBeVisible();
  await expect(page.getByRole('table', { name: t('standing.modules.caption') }).getByRole('row')).toHaveCount(plan.modules.length + 1);
  await expectFitsThePhone(page);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: t('standing.hoursLink') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('hours.mine.title') })).toBeVisible();
  await expect(page.getByTestId('ledger-total')).toHaveText(formatHours(total));
  const lines = page.getByRole('table', { name: t('hours.lines.caption') });
  await expect(lines.getByRole('row')).toHaveCount(1 + 4);
  await expect(lines.getByRole('cell', { name: 'Práctica del 2 de octubre de 2026' })).toBeVisible();
  await expect(lines.getByRole('cell', { name: 'Sesión de reposición en la oficina de representación' })).toBeVisible();
  await expect(lines.getByRole('cell', { name: t('hours.recordedBy.aula') }).first()).toBeVisible();
  await expectFitsThePhone(page);
  await expectNoAxeViolations(page);

  const csv = await page.request.get('/aprendizaje/horas.csv');
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('Práctica del 2 de octubre de 2026');
});

test('the instructor records a field practice from the roster and the learner’s total grows; other ledgers stay closed', async ({
  page,
  browser,
}) => {
  const { learner, instructor, cohort, total } = learnerMidProgram();
  await signIn(page.context(), instructor);
  await page.goto(`/instructor/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('hours.link.person', { name: learner.fullName }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('hours.person.title', { name: learner.fullName }) })).toBeVisible();
  await expect(page.getByText(t('hours.corrections.byCoordination'))).toBeVisible();

  const form = page.locator('form', { has: page.getByRole('button', { name: t('hours.practice.submit') }) });
  await form.getByLabel(t('hours.field.module')).selectOption(plan.modules[1]?.slug as string);
  await form.getByLabel(t('hours.field.practicedOn')).fill('2026-10-09');
  await form.getByLabel(t('hours.field.practiceHours')).fill('1.5');
  // Without the evidence note the form comes back with what was typed.
  await form.getByLabel(t('hours.field.evidence')).fill(' ');
  await form.getByLabel(t('hours.field.evidence')).evaluate((el) => el.removeAttribute('required'));
  await form.getByRole('button', { name: t('hours.practice.submit') }).click();
  await expect(page.getByText(t('hours.practice.evidenceRequired'))).toBeVisible();
  await expect(page.getByLabel(t('hours.field.practiceHours'))).toHaveValue('1.5');
  await page.getByLabel(t('hours.field.evidence')).fill('Acompañó la revisión de 45 días en una planta de arneses.');
  await page.getByRole('button', { name: t('hours.practice.submit') }).click();
  await expect(page.getByText(t('hours.practice.done', { hours: formatHours(90) }))).toBeVisible();
  await expect(page.getByTestId('ledger-total')).toHaveText(formatHours(total + 90));

  // Another instructor, and the learner themselves, may not open or export this ledger.
  const other = createAccountIn(['instructor']);
  const otherContext = await browser.newContext();
  await signIn(otherContext, other);
  for (const path of [
    `/generaciones/${cohort.id}/personas/${learner.id}/horas`,
    `/generaciones/${cohort.id}/personas/${learner.id}/horas.csv`,
    `/generaciones/${cohort.id}/horas.xlsx`,
  ]) {
    expect((await otherContext.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  }
  const learnerContext = await browser.newContext();
  await signIn(learnerContext, learner);
  expect(
    (await learnerContext.request.get(`/generaciones/${cohort.id}/personas/${learner.id}/horas.csv`, { maxRedirects: 0 })).status(),
  ).toBe(403);
  const exported = await page.request.get(`/generaciones/${cohort.id}/horas.xlsx`);
  expect(exported.status()).toBe(200);
  expect(exported.headers()['content-type']).toContain('spreadsheetml');
  await otherContext.close();
  await learnerContext.close();
});

test('coordination adjusts a module’s hours and reverses one lesson, each with its reason, from the person’s page', async ({ page }) => {
  const { learner, coordinator, total } = learnerMidProgram();
  await signIn(page.context(), coordinator);
  await page.goto(`/coordinacion/personas/${learner.id}`);
  await page.getByRole('link', { name: t('hours.link.person', { name: learner.fullName }) }).click();
  await expect(page.getByTestId('ledger-total')).toHaveText(formatHours(total));

  const adjust = page.locator('form', { has: page.getByRole('button', { name: t('hours.adjust.submit') }) });
  await adjust.getByLabel(t('hours.field.module')).selectOption(m6.slug);
  await adjust.getByLabel(t('hours.field.budget')).selectOption('live');
  await adjust.getByLabel(t('hours.field.hours')).fill('0.3');
  await adjust.getByLabel(t('hours.field.reason'), { exact: true }).fill('Sesión de reposición');
  await adjust.getByLabel(t('hours.field.hours')).evaluate((el) => el.setAttribute('step', 'any'));
  await adjust.getByRole('button', { name: t('hours.adjust.submit') }).click();
  await expect(page.getByText(t('hours.validation.hours'))).toBeVisible();
  await expect(page.getByLabel(t('hours.field.reason'), { exact: true })).toHaveValue('Sesión de reposición');
  // The kept value must not shift the field's steps (an input's step counts from min, else from its value).
  await page.getByLabel(t('hours.field.hours')).fill('1.25');
  await page.getByRole('button', { name: t('hours.adjust.submit') }).click();
  await expect(page.getByText(t('hours.adjust.done', { hours: formatHours(75) }))).toBeVisible();
  await expect(page.getByTestId('ledger-total')).toHaveText(formatHours(total + 75));

  const lesson = m1.lessons[0] as { id: string; minutes: number };
  const lines = page.getByRole('table', { name: t('hours.lines.caption') });
  await lines.getByText(t('hours.reverse.submit')).first().click();
  await lines.getByLabel(t('hours.reverse.reason')).first().fill('Marcada como completada por error');
  await lines
    .getByRole('button', { name: /^Revertir «/ })
    .first()
    .click();
  await expect(page.getByText(t('hours.reverse.done', { hours: formatHours(-lesson.minutes) }))).toBeVisible();
  await expect(page.getByTestId('ledger-total')).toHaveText(formatHours(total + 75 - lesson.minutes));
  await expect(
    page.getByRole('table', { name: t('hours.lines.caption') }).getByRole('cell', { name: 'Marcada como completada por error' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});
