import { t } from '../../src/i18n/index.ts';
import { issueInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { BASE_URL, createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

const DAY = 24 * 60 * 60 * 1000;

test('coordinator follows a cohort’s invitations by status and re-sends all pending ones, skipping whom they may not act on', async ({
  page,
  signInAs,
}) => {
  await signInAs('coordinator');
  const active = createAccountIn(['inspector'], { passwordHash: 'no-se-usa' });
  const pending = createAccountIn(['inspector']);
  const expired = createAccountIn(['inspector']);
  // A coordinator taking the diplomado: only the administration may re-invite them (decision 008).
  const staff = createAccountIn(['inspector', 'coordinator']);
  const cohort = createCohortIn({ inspectorIds: [active.id, pending.id, expired.id, staff.id] });
  issueInvitation(e2eDb(), { userId: pending.id, actorId: null, baseUrl: BASE_URL });
  issueInvitation(e2eDb(), { userId: expired.id, actorId: null, baseUrl: BASE_URL, now: new Date(Date.now() - 8 * DAY) });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('cohort.invitations'), exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('invitations.title', { cohort: cohort.name }));
  const count = (status: string) => page.locator(`[data-count="${status}"]`);
  await expect(count('used')).toHaveText('1');
  await expect(count('pending')).toHaveText('1');
  await expect(count('expired')).toHaveText('1');
  await expect(count('none')).toHaveText('1');
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row(active.fullName)).toContainText(t('invitations.status.used'));
  await expect(row(pending.fullName)).toContainText(t('invitations.status.pending'));
  await expect(row(expired.fullName)).toContainText(t('invitations.status.expired'));
  await expect(row(staff.fullName)).toContainText(t('people.actOn.short.role'));
  await expect(row(staff.fullName).getByRole('button')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/invitations.png', fullPage: true });

  await page.getByRole('button', { name: t('invitations.resendAll', { count: '3' }) }).click();
  await expect(page.getByRole('status').first()).toContainText(t('invitations.resent', { count: '2' }));
  await expect(page.getByText(t('people.actOn.role', { name: staff.fullName, role: t('role.coordinator') }))).toBeVisible();
  await expect(count('pending')).toHaveText('2');
  await expect(count('expired')).toHaveText('0');
  await expect(count('none')).toHaveText('1');
  await expectNoAxeViolations(page);

  // One person at a time, and the list filtered by status.
  await row(pending.fullName)
    .getByRole('button', { name: t('invitations.resendTo', { name: pending.fullName }) })
    .click();
  await expect(page.getByRole('status').first()).toContainText(pending.fullName);
  await page.getByRole('combobox', { name: t('invitations.filter') }).selectOption('used');
  await page.getByRole('button', { name: t('people.apply') }).click();
  await expect(page.getByRole('rowheader')).toHaveText([active.fullName]);

  // «Pendiente de activar» on the people list.
  await page.goto(`/coordinacion/personas?cuenta=pendiente&q=${encodeURIComponent(pending.email)}`);
  await expect(page.getByRole('rowheader')).toHaveText([pending.fullName]);
  await page.goto(`/coordinacion/personas?cuenta=pendiente&q=${encodeURIComponent(active.email)}`);
  await expect(page.getByText(t('people.empty'))).toBeVisible();
  await expect(page.getByRole('combobox', { name: t('people.filterAccount') })).toHaveValue('pendiente');
});
