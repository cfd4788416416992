import { eq } from 'drizzle-orm';
import { invitations } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { BASE_URL, createAccountIn, createCohortIn, e2eDb, expect, test } from './helpers.ts';

/** Decision 008 in the browser: a coordinator is offered nothing on an admin's account, and a crafted POST is refused. */

test("coordinator sees the admin's page read-only, and a crafted re-invite gets a Spanish 403", async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const admin = createAccountIn(['admin']);
  const refusal = t('people.actOn.role', { name: admin.fullName, role: t('role.admin') });

  await page.goto(`/coordinacion/personas/${admin.id}`);
  await expect(page.getByRole('heading', { level: 1, name: admin.fullName })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: refusal })).toBeVisible();
  await expect(page.getByRole('button', { name: t('people.resendInvitation') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t('people.save') })).toHaveCount(0);
  await expect(page.getByRole('button', { name: t('people.rolesSubmit') })).toHaveCount(0);

  const response = await page.request.post(`/coordinacion/personas/${admin.id}?_action=people.resendInvitation`, {
    form: { id: String(admin.id) },
    headers: { Origin: BASE_URL },
  });
  expect(response.status()).toBe(403);
  await page.setContent(await response.text());
  await expect(page.getByRole('alert')).toHaveText(refusal);
  expect(e2eDb().select().from(invitations).where(eq(invitations.userId, admin.id)).all()).toHaveLength(0);
});

test('coordinator is offered no withdrawal for an enrolled admin, but is for an inspector', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const admin = createAccountIn(['admin', 'inspector']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [admin.id, learner.id] });

  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  const roster = page.getByRole('table', { name: t('cohort.roster') });
  const adminRow = roster.getByRole('row').filter({ hasText: admin.email });
  await expect(adminRow.getByText(t('people.actOn.short.role'))).toBeVisible();
  await expect(adminRow.getByText(t('enrollment.withdraw'))).toHaveCount(0);
  const learnerRow = roster.getByRole('row').filter({ hasText: learner.email });
  await expect(learnerRow.getByText(t('enrollment.withdraw'), { exact: false }).first()).toBeVisible();
});
