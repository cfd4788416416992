import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { t } from '../../src/i18n/index.ts';
import { creditInFull, enrollmentForCredit } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { DEMO_OFFICES } from '../factories.ts';
import { BASE_URL, createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signInAs as signInOn, test } from './helpers.ts';

const plan = loadHoursPlanFromFiles();

/** Credits the first lessons of the plan to a person, straight into the ledger. */
function creditLessons(userId: number, count: number): void {
  const db = e2eDb();
  syncHourBudgets(db, plan);
  const enrollmentId = enrollmentForCredit(db, userId, DEFAULT_PROGRAM_SLUG) as number;
  for (const m of plan.modules) {
    for (const lesson of m.lessons) {
      if (count-- <= 0) return;
      creditInFull(db, {
        userId,
        programSlug: DEFAULT_PROGRAM_SLUG,
        moduleSlug: m.slug,
        source: 'lesson',
        budget: 'study',
        ref: lesson.id,
        refMinutes: lesson.minutes,
        enrollmentId,
        recordedBy: null,
      });
    }
  }
}

test('instructor opens the cohort dashboard, filters by state, and every chart has its table', async ({ page, signInAs }) => {
  const instructor = await signInAs('instructor');
  const poblana = createAccountIn(['inspector'], { state: 'Puebla', office: DEMO_OFFICES.Puebla, gender: 'mujer' });
  const potosino = createAccountIn(['inspector'], { state: 'San Luis Potosí', office: DEMO_OFFICES['San Luis Potosí'], gender: 'hombre' });
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [poblana.id, potosino.id] });
  creditLessons(poblana.id, 3);

  await page.goto(`/instructor/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('dashboard.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${t('dashboard.title')}: ${cohort.name}` })).toBeVisible();
  const learners = page.getByRole('table', { name: t('dashboard.learners.title') });
  await expect(learners.getByRole('rowheader')).toHaveCount(2);
  await expect(page.getByRole('link', { name: t('dashboard.learners.ledgerOf', { name: poblana.fullName }) })).toHaveAttribute(
    'href',
    `/generaciones/${cohort.id}/personas/${poblana.id}/horas`,
  );

  // Each chart: a title, an image with that name, and its data table behind "Ver los datos".
  for (const title of [t('dashboard.histogram.title'), t('dashboard.heat.title')]) {
    const figure = page.getByRole('figure', { name: title });
    await expect(figure.getByRole('img', { name: title })).toBeVisible();
    await figure.getByText(t('dashboard.data')).click();
    await expect(figure.getByRole('table', { name: title })).toBeVisible();
  }
  await expect(
    page
      .getByRole('table', { name: t('dashboard.histogram.title') })
      .getByRole('row', { name: /0–10 h/ })
      .getByRole('cell'),
  ).toHaveText('2');
  await expectNoAxeViolations(page);

  await page.getByLabel(t('person.state')).selectOption('Puebla');
  await page.getByRole('button', { name: t('dashboard.filter.apply') }).click();
  await expect(page).toHaveURL(/entidad=Puebla/);
  await expect(learners.getByRole('rowheader')).toHaveText([poblana.fullName]);
  await expect(page.getByText(t('dashboard.filtered', { count: '1', total: '2' }))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a cohort dashboard and its exports open for its instructor and coordination, and no one else', async ({
  page,
  signInAs,
  browser,
}) => {
  await signInAs('instructor');
  const instructor = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const paths = ['tablero', 'avance.csv', 'avance.xlsx', 'calificaciones.xlsx'].map((p) => `/generaciones/${cohort.id}/${p}`);
  const statuses = async (p: typeof page) => Promise.all(paths.map(async (path) => (await p.request.get(path)).status()));

  expect(await statuses(page)).toEqual([403, 403, 403, 403]);
  expect((await page.request.get('/coordinacion/tablero')).status()).toBe(403);

  for (const [role, expected] of [
    ['coordinator', 200],
    ['inspector', 403],
  ] as const) {
    const context = await browser.newContext({ baseURL: BASE_URL });
    const other = await context.newPage();
    await signInOn(other, role);
    expect(await statuses(other)).toEqual([expected, expected, expected, expected]);
    expect((await other.request.get('/coordinacion/tablero')).status()).toBe(expected);
    await context.close();
  }
});

test('coordination reads completion and hours by state, office and gender, each chart with its table', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector'], { state: 'Puebla', office: DEMO_OFFICES.Puebla, gender: 'mujer' });
  createCohortIn({ inspectorIds: [learner.id] });
  creditLessons(learner.id, 2);
  await page.goto('/coordinacion');
  await page.getByRole('link', { name: t('dashboard.program.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('dashboard.program.title') })).toBeVisible();
  for (const grouping of ['state', 'office', 'gender'] as const) {
    const title = t('dashboard.program.completionChart', { group: t(`dashboard.program.${grouping}.title`) });
    const figure = page.getByRole('figure', { name: title });
    await expect(figure.getByRole('img', { name: title })).toBeVisible();
    await figure.getByText(t('dashboard.data')).click();
    await expect(
      figure.getByRole('table', { name: title }).getByRole('rowheader', { name: grouping === 'gender' ? 'Mujer' : /Puebla/ }),
    ).toBeVisible();
  }
  await expectNoAxeViolations(page);
});
