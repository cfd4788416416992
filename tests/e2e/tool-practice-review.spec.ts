import { t } from '../../src/i18n/index.ts';
import { DEFAULT_PROGRAM_SLUG } from '../../src/lib/server/cohorts/cohorts.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { saveInspectionStep, startInspection, submitInspection } from '../../src/lib/server/practice/inspection.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

/**
 * Issue 15: staff comment on learners' practice (inspections and rankings) with plain forms, and
 * try the exercises themselves as a preview that credits nothing.
 */
const plan = loadHoursPlanFromFiles();
const loaded = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma');
if (!loaded) throw new Error('content/tools/inspections/arneses-lerma.yaml is missing');
const COMMENT = 'Buen orden de documentos; revise el fundamento del segundo hecho antes del acta.';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("an instructor comments on a learner's ranking, keeping what was typed when too short; the learner reads it", async ({ page }) => {
    const learner = createAccountIn(['inspector']);
    const instructor = createAccountIn(['instructor']);
    createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
    const ids = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10'];
    const { attemptId } = submitRanking(
      e2eDb(),
      learner.id,
      ids.map((employerId) => ({ employerId, justification: 'Justificación suficiente para la prueba' })),
    );

    await signIn(page.context(), instructor);
    await page.goto(`/diplomado/herramientas/focalizacion?intento=${attemptId}`);
    await page.getByLabel(t('practice.review.comment')).fill('Muy bien');
    await page.getByRole('button', { name: t('practice.review.save') }).click();
    await expect(page.getByText(t('practice.review.commentShort', { min: 10 }))).toBeVisible();
    await expect(page.getByLabel(t('practice.review.comment'))).toHaveValue('Muy bien');
    await page.getByLabel(t('practice.review.comment')).fill(COMMENT);
    await page.getByRole('button', { name: t('practice.review.save') }).click();
    await expect(page.getByText(t('practice.review.saved'))).toBeVisible();

    await page.context().clearCookies();
    await signIn(page.context(), learner);
    await page.goto(`/diplomado/herramientas/focalizacion?intento=${attemptId}`);
    await expect(page.getByRole('heading', { name: t('practice.review.title') })).toBeVisible();
    await expect(page.getByText(COMMENT)).toBeVisible();
    await expect(page.getByLabel(t('practice.review.comment'))).toHaveCount(0);
  });

  test("an instructor comments on a learner's practice inspection; the learner reads it beside the feedback", async ({ page }) => {
    const db = e2eDb();
    syncHourBudgets(db, plan);
    const learner = createAccountIn(['inspector']);
    const instructor = createAccountIn(['instructor']);
    const cohort = createCohortIn({ inspectorIds: [learner.id], instructorIds: [instructor.id] });
    const attempt = startInspection(db, { userId: learner.id, programSlug: DEFAULT_PROGRAM_SLUG, inspection: loaded });
    const form = new FormData();
    form.append('type', loaded.scenario.type.correct);
    saveInspectionStep(db, { userId: learner.id, attemptId: attempt.id, scenario: loaded.scenario, step: 'tipo', go: 'next', form });
    submitInspection(db, { userId: learner.id, attemptId: attempt.id, inspection: loaded, programSlug: DEFAULT_PROGRAM_SLUG });

    await signIn(page.context(), instructor);
    await page.goto(`/generaciones/${cohort.id}/practicas/${attempt.id}`);
    await page.getByLabel(t('practice.review.comment')).fill(COMMENT);
    await page.getByRole('button', { name: t('practice.review.save') }).click();
    await expect(page.getByText(t('practice.review.saved'))).toBeVisible();

    await page.context().clearCookies();
    await signIn(page.context(), learner);
    await page.goto(`/diplomado/practicas/${attempt.id}`);
    await expect(page.getByText(COMMENT)).toBeVisible();
  });
});

test('the comment form and the preview note are accessible', async ({ page, signInAs }) => {
  const db = e2eDb();
  syncHourBudgets(db, plan);
  const learner = createAccountIn(['inspector']);
  const me = await signInAs('instructor');
  const cohort = createCohortIn({ inspectorIds: [learner.id], instructorIds: [me.id] });
  const attempt = startInspection(db, { userId: learner.id, programSlug: DEFAULT_PROGRAM_SLUG, inspection: loaded });
  const form = new FormData();
  form.append('type', loaded.scenario.type.correct);
  saveInspectionStep(db, { userId: learner.id, attemptId: attempt.id, scenario: loaded.scenario, step: 'tipo', go: 'next', form });
  submitInspection(db, { userId: learner.id, attemptId: attempt.id, inspection: loaded, programSlug: DEFAULT_PROGRAM_SLUG });
  await page.goto(`/generaciones/${cohort.id}/practicas/${attempt.id}`);
  await expect(page.getByLabel(t('practice.review.comment'))).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/diplomado/herramientas/expediente');
  await expect(page.getByText(t('practice.preview.note'))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a coordinator plays a practice inspection as a preview: no hours, and no cohort lists it', async ({ page, signInAs }) => {
  syncHourBudgets(e2eDb(), plan);
  await signInAs('coordinator');
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  await page.goto('/diplomado/practicas');
  await expect(page.getByText(t('practice.preview.note'))).toBeVisible();
  await page
    .getByRole('listitem')
    .filter({ hasText: loaded.scenario.title })
    .getByRole('button', { name: new RegExp(t('inspection.start')) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: loaded.scenario.title })).toBeVisible();
  await expect(page.getByText(t('practice.preview.note'))).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${t(`inspection.type.${loaded.scenario.type.correct}`)}`) }).check();
  await page.getByRole('button', { name: t('inspection.next') }).click();
  await page.goto(`${new URL(page.url()).pathname}?paso=enviar`);
  await page.getByRole('button', { name: t('inspection.submit') }).click();
  await expect(page.getByText(t('practice.preview.noHours'))).toBeVisible();
  await expect(page.getByText(t('inspection.hourEarned'))).toHaveCount(0);

  await page.goto(`/generaciones/${cohort.id}/practicas`);
  await expect(page.getByText(t('inspection.cohort.empty'))).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);
});
