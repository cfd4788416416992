import { readFile } from 'node:fs/promises';
import { and, asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { auditLog, enrollments, invitations, outbox } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { issueInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { BASE_URL, createAccountIn, createCohortIn, e2eDb, expect, expectNoAxeViolations, test } from './helpers.ts';

function statusOf(cohortId: number, userId: number): string | undefined {
  return e2eDb()
    .select({ status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.userId, userId)))
    .get()?.status;
}

test('coordinator withdraws two people at once with one reason', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const ana = createAccountIn(['inspector']);
  const beto = createAccountIn(['inspector']);
  const carla = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [ana.id, beto.id, carla.id] });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await expect(page.getByRole('heading', { name: t('roster.bulk.title') })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: ana.fullName }) }).check();
  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: beto.fullName }) }).check();
  await page.getByLabel(t('roster.bulk.reason')).fill('Cambio de adscripción a otra oficina');
  await page.getByRole('button', { name: t('roster.bulk.withdraw') }).click();

  await expect(page.getByText(t('roster.bulk.withdrawn', { count: 2 }))).toBeVisible();
  expect([statusOf(cohort.id, ana.id), statusOf(cohort.id, beto.id), statusOf(cohort.id, carla.id)]).toEqual([
    'withdrawn',
    'withdrawn',
    'active',
  ]);
  const reasons = e2eDb()
    .select({ reason: auditLog.reason })
    .from(auditLog)
    .where(and(eq(auditLog.cohortId, cohort.id), eq(auditLog.action, 'enrollment.withdrawn')))
    .all();
  expect(reasons).toEqual([{ reason: 'Cambio de adscripción a otra oficina' }, { reason: 'Cambio de adscripción a otra oficina' }]);
  await page.screenshot({ path: 'tests/.tmp/roster-bulk.png', fullPage: true });
});

test('coordinator who marks nobody is told to mark someone, and nothing changes', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const ana = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [ana.id] });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByLabel(t('roster.bulk.reason')).fill('Sin selección');
  await page.getByRole('button', { name: t('roster.bulk.withdraw') }).click();
  await expect(page.getByText(t('roster.bulk.none'))).toBeVisible();
  expect(statusOf(cohort.id, ana.id)).toBe('active');
});

test('coordinator downloads the roster as CSV and as Excel', async ({ page, signInAs }) => {
  await signInAs('coordinator');
  const ana = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [ana.id] });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('roster.export.csv') }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^inscripciones-generacion-.*\.csv$/);
  const text = await readFile((await csv.path()) as string, 'utf8');
  expect(text).toContain(ana.email);

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: t('roster.export.xlsx') }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await xlsx.path()) as string)).buffer as ArrayBuffer);
  expect(workbook.worksheets[0]?.getCell('B2').value).toBe(ana.email);
});

test('coordinator who marks someone already withdrawn withdraws nobody and is told who and why', async ({ page, signInAs }) => {
  const coordinator = await signInAs('coordinator');
  const ana = createAccountIn(['inspector']);
  const beto = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [ana.id, beto.id] });
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: beto.id, actorId: coordinator.id, reason: 'Antes' });
  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: ana.fullName }) }).check();
  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: beto.fullName }) }).check();
  await page.getByLabel(t('roster.bulk.reason')).fill('Cambio de adscripción');
  await page.getByRole('button', { name: t('roster.bulk.withdraw') }).click();
  const refusal = t('roster.bulk.refusal', { name: beto.fullName, why: t('roster.bulk.why.notActive') });
  await expect(page.getByText(t('roster.bulk.refused', { list: refusal }))).toBeVisible();
  expect(statusOf(cohort.id, ana.id)).toBe('active');
  await expect(page.getByLabel(t('roster.bulk.reason'))).toHaveValue('Cambio de adscripción');
  await expectNoAxeViolations(page);
});

/** Each of the person's links, oldest first: whether it is still usable, and how many messages went to them. */
function invitationsOf(userId: number, email: string): { usable: boolean[]; messages: number } {
  const db = e2eDb();
  const links = db
    .select({ usedAt: invitations.usedAt })
    .from(invitations)
    .where(eq(invitations.userId, userId))
    .orderBy(asc(invitations.createdAt))
    .all();
  const messages = db.select({ id: outbox.id }).from(outbox).where(eq(outbox.to, email)).all().length;
  return { usable: links.map((l) => l.usedAt === null), messages };
}

test('coordinator re-sends invitations to two pending people at once; each gets a new link and message, the old one stops', async ({
  page,
  signInAs,
}) => {
  await signInAs('coordinator');
  const ana = createAccountIn(['inspector']);
  const beto = createAccountIn(['inspector']);
  const carla = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [ana.id, beto.id, carla.id] });
  for (const person of [ana, beto, carla]) issueInvitation(e2eDb(), { userId: person.id, actorId: null, baseUrl: BASE_URL });
  const outboxBefore = e2eDb().select({ id: outbox.id }).from(outbox).all().length;

  await page.goto(`/coordinacion/generaciones/${cohort.id}`);
  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: ana.fullName }) }).check();
  await page.getByRole('checkbox', { name: t('roster.bulk.select', { name: beto.fullName }) }).check();
  // Re-sending needs no reason: the reason field is for withdrawals only.
  await page.getByRole('button', { name: t('roster.bulk.resend') }).click();

  await expect(page.getByRole('status').filter({ hasText: t('roster.bulk.resent', { count: 2 }) })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(invitationsOf(ana.id, ana.email)).toEqual({ usable: [false, true], messages: 2 });
  expect(invitationsOf(beto.id, beto.email)).toEqual({ usable: [false, true], messages: 2 });
  expect(invitationsOf(carla.id, carla.email)).toEqual({ usable: [true], messages: 1 });
  expect(e2eDb().select({ id: outbox.id }).from(outbox).all().length).toBe(outboxBefore + 2);
  const invited = e2eDb()
    .select({ subject: auditLog.subjectUserId })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'account.invited'), inArray(auditLog.subjectUserId, [ana.id, beto.id, carla.id])))
    .all();
  expect(invited.filter((r) => r.subject === ana.id)).toHaveLength(2);
  expect(invited.filter((r) => r.subject === carla.id)).toHaveLength(1);

  // The cohort's invitation list shows both as pending, with the new links.
  await page.getByRole('link', { name: t('cohort.invitations'), exact: true }).click();
  const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row(ana.fullName)).toContainText(t('invitations.status.pending'));
  await expect(row(beto.fullName)).toContainText(t('invitations.status.pending'));
  await page.screenshot({ path: 'tests/.tmp/roster-bulk-resend.png', fullPage: true });
});
