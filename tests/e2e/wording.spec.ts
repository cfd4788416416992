import { t } from '../../src/i18n/index.ts';
import { formatTime } from '../../src/lib/format.ts';
import { createCohortIn, expect, signInAs, test } from './helpers.ts';

const MODULE = '01-fundamentos-inspeccion';

test('the quiz autosave tells the time in Mexico City, as the deadline, even on a device set to another zone', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const me = await signInAs(page, 'inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await page.getByRole('button', { name: t('quiz.start') }).click();

  const before = new Date();
  await page.locator('fieldset.quiz-question input[type=radio]').first().check();
  const status = page.locator('[data-save-status]');
  await expect(status).not.toBeEmpty();
  const after = new Date();
  const text = (await status.textContent()) ?? '';
  expect([formatTime(before), formatTime(after)].map((time) => t('quiz.saved', { time }))).toContain(text);
  expect(text).not.toContain('..');
  await context.close();
});

test('the quiz autosave says so when the session ended, instead of «guardado»', async ({ page }) => {
  const me = await signInAs(page, 'inspector');
  createCohortIn({ inspectorIds: [me.id] });
  await page.goto(`/diplomado/${MODULE}/evaluacion`);
  await page.getByRole('button', { name: t('quiz.start') }).click();
  await page.context().clearCookies();
  await page.locator('fieldset.quiz-question input[type=radio]').first().check();
  await expect(page.locator('[data-save-status]')).toHaveText(t('http.signedOut'));
});
