import { t } from '../../src/i18n/index.ts';
import { tCount } from '../../src/lib/format.ts';
import { mexicoDateAndTime } from '../../src/lib/mexico-time.ts';
import { BASE_URL, createAccountIn, createCohortIn, expect, expectNoAxeViolations, signIn, test } from './helpers.ts';

test('instructor schedules a live session, takes attendance, and the learners’ hours change', async ({ page, browser, signInAs }) => {
  // Three accounts, six pages scanned by axe: longer than one page's journey.
  test.slow();
  const instructor = await signInAs('instructor');
  const ana = createAccountIn(['inspector']);
  const beto = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [ana.id, beto.id] });

  // From the cohort page to its sessions; the session started five minutes ago (Mexico City time).
  await page.goto(`/instructor/generaciones/${cohort.id}`);
  await page.getByRole('link', { name: t('sessions.link') }).click();
  await expect(page.getByRole('heading', { level: 1, name: t('sessions.title', { cohort: cohort.name }) })).toBeVisible();
  await expectNoAxeViolations(page);
  const start = mexicoDateAndTime(new Date(Date.now() - 5 * 60_000));
  await page.getByLabel(t('sessions.field.module'), { exact: true }).selectOption('01-fundamentos-inspeccion');
  await page.getByLabel(t('sessions.field.title')).fill('Convenio 81 en la práctica');
  await page.getByLabel(t('sessions.field.date')).fill(start.date);
  await page.getByLabel(t('sessions.field.time')).fill(start.time);
  await page.getByLabel(t('sessions.field.duration')).fill('60');
  // A link that is not https is refused in Spanish, and what was typed stays.
  await page.getByLabel(t('sessions.field.url')).fill('http://meet.example.mx/c81');
  await page.getByRole('button', { name: t('sessions.schedule.submit') }).click();
  await expect(page.getByText(t('sessions.url.invalid'))).toBeVisible();
  await expect(page.getByLabel(t('sessions.field.title'))).toHaveValue('Convenio 81 en la práctica');
  await page.getByLabel(t('sessions.field.url')).fill('https://meet.example.mx/c81');
  await page.getByRole('button', { name: t('sessions.schedule.submit') }).click();
  await expect(page.getByText(t('sessions.scheduled.ok'))).toBeVisible();
  const sessionPath = new URL(page.url()).pathname;
  const sessionId = Number(sessionPath.split('/').pop());

  // The check-in code for the room, with its QR; Beto checks in with it.
  await page.getByRole('link', { name: t('sessions.code.show') }).click();
  const code = (await page.getByTestId('checkin-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.getByRole('img', { name: t('sessions.code.qr') })).toBeVisible();
  await expectNoAxeViolations(page);

  const betoContext = await browser.newContext();
  await signIn(betoContext, beto);
  const betoPage = await betoContext.newPage();
  await betoPage.goto(`${BASE_URL}/aprendizaje/sesiones/${sessionId}`);
  await betoPage.getByLabel(t('sessions.checkin.code')).fill(code === '000000' ? '000001' : '000000');
  await betoPage.getByRole('button', { name: t('sessions.checkin.submit') }).click();
  await expect(betoPage.getByText(t('sessions.checkin.wrongCode'))).toBeVisible();
  await betoPage.goto(`${BASE_URL}/aprendizaje/sesiones/${sessionId}?codigo=${code}`);
  await expect(betoPage.getByLabel(t('sessions.checkin.code'))).toHaveValue(code);
  await betoPage.getByRole('button', { name: t('sessions.checkin.submit') }).click();
  await expect(betoPage.getByText(t('sessions.checkin.ok'))).toBeVisible();
  await expect(betoPage.getByTestId('my-hours')).toHaveText('1 h');
  await expectNoAxeViolations(betoPage);
  await betoContext.close();

  // Attendance: everyone present by default; Ana left after 45 minutes.
  await page.goto(sessionPath);
  await expect(page.getByLabel(t('sessions.attendance.statusOf', { name: beto.fullName }))).toHaveValue('present');
  await page.getByLabel(t('sessions.attendance.statusOf', { name: ana.fullName })).selectOption('left_early');
  await page.getByLabel(t('sessions.attendance.minutesOf', { name: ana.fullName })).fill('45');
  await page.getByRole('button', { name: t('sessions.attendance.save') }).click();
  await expect(
    page.getByText(
      t('sessions.attendance.saved', { recorded: tCount('sessions.count.recorded', 1), corrected: tCount('sessions.count.corrected', 0) }),
    ),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(ana.fullName) })).toContainText('0.75 h');
  await expectNoAxeViolations(page);

  // Ana sees her attendance and hours on the session page.
  const anaContext = await browser.newContext();
  await signIn(anaContext, ana);
  const anaPage = await anaContext.newPage();
  await anaPage.goto(`${BASE_URL}/aprendizaje/sesiones/${sessionId}`);
  await expect(anaPage.getByTestId('my-attendance')).toHaveText(t('attendance.status.left_early'));
  await expect(anaPage.getByTestId('my-hours')).toHaveText('0.75 h');
  await expectNoAxeViolations(anaPage);

  // A correction needs its reason; with it, Ana's hours follow.
  await page.getByLabel(t('sessions.attendance.statusOf', { name: ana.fullName })).selectOption('present');
  await page.getByRole('button', { name: t('sessions.attendance.save') }).click();
  await expect(page.getByText(t('sessions.attendance.reasonRequired', { name: ana.fullName }))).toBeVisible();
  await expect(page.getByLabel(t('sessions.attendance.statusOf', { name: ana.fullName }))).toHaveValue('present');
  await page.getByLabel(t('sessions.attendance.reason')).fill('Se quedó hasta el final, según la grabación');
  await page.getByRole('button', { name: t('sessions.attendance.save') }).click();
  await expect(
    page.getByText(
      t('sessions.attendance.saved', { recorded: tCount('sessions.count.recorded', 0), corrected: tCount('sessions.count.corrected', 1) }),
    ),
  ).toBeVisible();
  await anaPage.reload();
  await expect(anaPage.getByTestId('my-hours')).toHaveText('1 h');
  // Her home and her ledger follow: the hour counts toward the 120.
  await anaPage.goto(`${BASE_URL}/aprendizaje`);
  await expect(anaPage.locator('progress#horas-acreditadas')).toHaveAttribute('value', '60');
  await anaPage.goto(`${BASE_URL}/aprendizaje/horas`);
  await expect(anaPage.getByTestId('ledger-total').first()).toHaveText('1 h');

  // Ana's private calendar: shown once, it lists the session; a wrong token is a 404.
  await anaPage.goto(`${BASE_URL}/aprendizaje/sesiones`);
  await expectNoAxeViolations(anaPage);
  await anaPage.getByRole('link', { name: t('sessions.calendar.link') }).click();
  await anaPage.getByRole('button', { name: t('sessions.calendar.create') }).click();
  const feedUrl = await anaPage.getByTestId('feed-url').inputValue();
  expect(feedUrl).toMatch(/\/calendario\/[\w-]+\.ics$/);
  await expectNoAxeViolations(anaPage);
  const feed = await anaPage.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, BASE_URL));
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect((await feed.text()).match(/BEGIN:VEVENT/g)).toHaveLength(1);
  const wrong = await anaPage.request.get(`${BASE_URL}/calendario/${'x'.repeat(43)}.ics`);
  expect(wrong.status()).toBe(404);
  await anaContext.close();

  // The export has Ana's row with her minutes.
  await page.goto(`/generaciones/${cohort.id}/sesiones`);
  const csv = await page.request.get(`/generaciones/${cohort.id}/sesiones/asistencia.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`${ana.fullName},${t('attendance.status.present')},60,1`);
});

test('an instructor of another cohort cannot open its sessions or export them', async ({ page, signInAs }) => {
  await signInAs('instructor');
  const other = createAccountIn(['instructor']);
  const cohort = createCohortIn({ instructorIds: [other.id] });
  await page.goto(`/generaciones/${cohort.id}/sesiones`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('forbidden.title'));
  const csv = await page.request.get(`/generaciones/${cohort.id}/sesiones/asistencia.csv`);
  expect(csv.status()).toBe(403);
});
