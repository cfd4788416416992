import { t } from '../../src/i18n/index.ts';
import { CASE_STEPS } from '../../src/lib/practice/case-file-fields.ts';
import { getKpiDataset } from '../../src/lib/server/practice/kpi-data.ts';
import { scoreKpiAnswers } from '../../src/lib/server/practice/kpi-exercise.ts';
import { kpiByOffice } from '../../src/lib/server/practice/kpi-metrics.ts';
import { validCase } from '../practice-fixtures.ts';
import { createAccountIn, createCohortIn, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/** Issue 15: reading the KPI dashboard, and filing a practice case that an instructor reviews. */

test('learner reads the KPI dashboard, answers the exercise and gets feedback', async ({ page, signInAs }) => {
  const learner = await signInAs('inspector');
  createCohortIn({ inspectorIds: [learner.id] });
  const dataset = getKpiDataset();
  const slp = kpiByOffice(dataset, { office: 'slp', from: '2025-01', to: '2025-12' })[0]!;

  await page.goto('/diplomado/herramientas/indicadores?oficina=slp');
  await expect(page.getByRole('heading', { level: 1, name: t('practice.kpi.title') })).toBeVisible();
  await expect(page.getByText(t('practice.kpi.badge'))).toBeVisible();
  await expect(page.getByRole('img', { name: t('practice.kpi.chart.median.title') })).toBeVisible();
  // No answer key or explanation is in the page before submission.
  const html = await page.content();
  for (const f of scoreKpiAnswers(dataset, {}).feedback) expect(html).not.toContain(f.explanation);
  await expectNoAxeViolations(page);

  await page
    .getByLabel(/mediana de días para cerrar de la Oficina de Representación en San Luis Potosí/)
    .fill(String(slp.medianDaysToClose));
  await page.getByRole('radio', { name: /Los casos que siguen abiertos/ }).check();
  await page.getByRole('radio', { name: /Sus inspectores trabajan mejor/ }).check();
  await page.getByRole('button', { name: t('practice.kpi.submit') }).click();

  await expect(page.getByRole('heading', { name: t('practice.kpi.feedback.title') })).toBeVisible();
  await expect(page.getByText(t('practice.kpi.result', { score: 2, max: 6 }))).toBeVisible();
  await expect(page.getByText(/no mide la productividad individual/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('learner files a practice case through its steps and an instructor reviews it', async ({ page, signInAs }) => {
  const learner = await signInAs('inspector');
  const instructor = createAccountIn(['instructor']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const filed = validCase();

  await page.goto('/diplomado/herramientas/expediente');
  await expect(page.getByText(t('practice.case.badge'))).toBeVisible();
  await page.getByRole('button', { name: t('practice.case.start') }).click();
  await expect(page.getByRole('heading', { level: 2, name: t('practice.case.step.orden') })).toBeVisible();

  const form = page.locator('form', { has: page.getByRole('button', { name: t('practice.case.save') }) });
  async function fill(values: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(values)) {
      const field = form.locator(`[name="${name}"]`);
      const tag = await field.evaluate((el) => `${el.tagName}:${el.getAttribute('type') ?? ''}`);
      if (tag === 'INPUT:checkbox') await field.check();
      else if (tag.startsWith('SELECT')) await field.selectOption(value);
      else await field.fill(value);
    }
  }

  // An ordinary inspection that a complaint started: refused in Spanish, and nothing typed is lost.
  await fill({ ...filed.orden, origin: 'denuncia' });
  await form.getByRole('button', { name: t('practice.case.save') }).click();
  await expect(page.getByText(t('practice.case.fixErrors'))).toBeVisible();
  await expect(page.getByText(t('practice.case.rule.ordinaryOrigin'))).toBeVisible();
  await expect(form.locator('[name="motivation"]')).toHaveValue(filed.orden.motivation!);
  await expect(form.locator('[name="orderDate"]')).toHaveValue(filed.orden.orderDate!);
  await expectNoAxeViolations(page);

  await form.locator('[name="origin"]').selectOption('programa');
  await form.getByRole('button', { name: t('practice.case.save') }).click();
  for (const step of CASE_STEPS.slice(1)) {
    await expect(page.getByRole('heading', { level: 2, name: t(`practice.case.step.${step}`) })).toBeVisible();
    await fill(filed[step]);
    await form.getByRole('button', { name: t('practice.case.save') }).click();
  }
  await expect(page.getByText(t('practice.case.ready'))).toBeVisible();
  await page.getByRole('button', { name: t('practice.case.submit') }).click();
  await expect(page.getByText(t('practice.case.submitted'))).toBeVisible();
  await expect(page.getByText(t('practice.case.review.none'))).toBeVisible();
  const caseUrl = page.url().replace(/\?.*$/, '');

  // The instructor of the learner's cohort reviews it.
  await signIn(page.context(), instructor);
  await page.goto(`/instructor/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('practice.case.cohort.title') }).click();
  await page.getByRole('link', { name: t('practice.case.cohort.openOf', { name: learner.fullName }) }).click();
  await expect(page.getByRole('heading', { name: t('practice.case.summary') })).toBeVisible();
  await page.getByLabel(t('practice.case.review.comment')).fill('Corto');
  await page.getByRole('button', { name: t('practice.case.review.save') }).click();
  await expect(page.getByText(t('practice.case.review.commentShort', { min: 10 }))).toBeVisible();
  await page.getByLabel(t('practice.case.review.comment')).fill('Buen fundamento del art. 12; precise cómo computó el plazo.');
  await page.getByRole('button', { name: t('practice.case.review.save') }).click();
  await expect(page.getByText(t('practice.case.review.saved'))).toBeVisible();
  await expectNoAxeViolations(page);

  // The learner sees the review.
  await signIn(page.context(), learner);
  await page.goto(caseUrl);
  await expect(page.getByText('Buen fundamento del art. 12; precise cómo computó el plazo.')).toBeVisible();
  await expect(page.getByText(t('practice.status.reviewed')).first()).toBeVisible();
});
