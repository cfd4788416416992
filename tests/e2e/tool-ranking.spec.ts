import { t } from '../../src/i18n/index.ts';
import { submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const PAGE = '/diplomado/herramientas/focalizacion';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a learner ranks ten employers, keeps what was typed when one is missing, and gets feedback', async ({ page, signInAs }) => {
    const me = await signInAs('inspector');
    createCohortIn({ inspectorIds: [me.id] });
    await page.goto('/diplomado/08-planeacion-datos-ecms');
    await page.getByRole('link', { name: t('ranking.moduleLink') }).click();
    await expect(page.getByRole('heading', { level: 1, name: t('ranking.title') })).toBeVisible();

    // Before submission no page carries the reference ranking or the employers' points.
    const before = await page.content();
    expect(before).not.toContain(t('ranking.feedback.reference'));
    expect(before).not.toContain(t('ranking.feedback.col.score'));

    const ids = ['E23', 'E05', 'E33', 'E25', 'E06', 'E14', 'E40', 'E01', 'E32', 'E30'];
    for (const [i, id] of ids.entries()) {
      if (i === 9) continue; // the tenth is left out at first
      await page.getByLabel(t('ranking.employer', { rank: i + 1 }), { exact: true }).selectOption(id);
      await page
        .getByLabel(t('ranking.justification', { rank: i + 1 }), { exact: true })
        .fill(`Señales de riesgo altas en ${id}, con justificación`);
    }
    await page.getByRole('button', { name: t('ranking.submit') }).click();
    await expect(page.getByText(t('ranking.missing', { rank: 10 }))).toBeVisible();
    await expect(page.getByLabel(t('ranking.employer', { rank: 1 }), { exact: true })).toHaveValue('E23');
    await expect(page.getByLabel(t('ranking.justification', { rank: 9 }), { exact: true })).toHaveValue(
      'Señales de riesgo altas en E32, con justificación',
    );

    await page.getByLabel(t('ranking.employer', { rank: 10 }), { exact: true }).selectOption(ids[9] as string);
    await page
      .getByLabel(t('ranking.justification', { rank: 10 }), { exact: true })
      .fill('Cinco denuncias: hay que atenderlas de todos modos');
    await page.getByRole('button', { name: t('ranking.submit') }).click();
    await expect(page).toHaveURL(/intento=\d+/);
    await expect(page.getByRole('heading', { name: t('ranking.feedback.title') })).toBeVisible();
    await expect(page.getByText(/Obtuvo \d+ de 55 puntos/)).toBeVisible();
    await expect(page.getByText(t('ranking.feedback.formula'))).toBeVisible();
    await expect(page.getByRole('heading', { name: t('ranking.feedback.limits') })).toBeVisible();
  });
});

test('the ranking page and its feedback are accessible', async ({ page, signInAs }) => {
  const me = await signInAs('inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(PAGE);
  await expectNoAxeViolations(page);
  const ids = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10'];
  const { attemptId } = submitRanking(
    e2eDb(),
    me.id,
    ids.map((employerId) => ({ employerId, justification: 'Justificación suficiente para la prueba' })),
  );
  await page.goto(`${PAGE}?intento=${attemptId}`);
  await expect(page.getByRole('heading', { name: t('ranking.feedback.title') })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an instructor reads the rankings of the learners they teach, with their feedback', async ({ page, signInAs }) => {
  const me = await signInAs('instructor');
  const learner = createAccountIn(['inspector']);
  const other = createAccountIn(['inspector']);
  createCohortIn({ instructorIds: [me.id], inspectorIds: [learner.id] });
  createCohortIn({ inspectorIds: [other.id] });
  const ids = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10'];
  const justified = ids.map((employerId) => ({ employerId, justification: 'Justificación suficiente para la prueba' }));
  submitRanking(e2eDb(), learner.id, justified);
  const { attemptId: otherAttempt } = submitRanking(e2eDb(), other.id, justified);

  await page.goto(PAGE);
  await expect(page.getByRole('link', { name: learner.fullName })).toBeVisible();
  await expect(page.getByRole('link', { name: other.fullName })).toHaveCount(0);
  await page.getByRole('link', { name: learner.fullName }).click();
  await expect(page.getByRole('heading', { name: t('ranking.feedback.title') })).toBeVisible();
  // Someone else's learner: no feedback, no reference.
  await page.goto(`${PAGE}?intento=${otherAttempt}`);
  await expect(page.getByRole('heading', { name: t('ranking.feedback.title') })).toHaveCount(0);
  expect(await page.content()).not.toContain(t('ranking.feedback.col.score'));
});
