import type { Browser } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { lessonProgress, sessions } from '../../db/schema/index.ts';
import type { Role } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, signIn, test, unique } from './helpers.ts';

// A lesson without checklists is served from its shell (src/lib/server/course/lesson-shell.ts);
// once the shell is made, the server answers it without Astro (answerFromShell). Any query
// string makes the page render in full, with the same data.
const MODULE = '01-fundamentos-inspeccion';
const LESSON = `${MODULE}/01-funcion-de-la-inspeccion`;
const PAGE = `/diplomado/${LESSON}`;
const FULL_RENDER = `${PAGE}?render=completo`;
const LOCKED_LESSON = '02-reforma-laboral-2019/01-de-las-juntas-a-los-tribunales';

type Person = { roles: Role[]; fullName: string; engagedSeconds?: number; completedAt?: Date };

async function pagesFor(browser: Browser, person: Person) {
  const account = createAccountIn(person.roles, { fullName: person.fullName });
  if (person.roles.includes('inspector')) createCohortIn({ inspectorIds: [account.id] });
  if (person.engagedSeconds !== undefined) {
    e2eDb()
      .insert(lessonProgress)
      .values({
        userId: account.id,
        programSlug: 'diplomado-inspeccion-federal',
        moduleSlug: MODULE,
        lessonId: LESSON,
        openedAt: new Date('2026-11-20T16:00:00Z'),
        engagedSeconds: person.engagedSeconds,
        completedAt: person.completedAt ?? null,
      })
      .run();
  }
  const context = await browser.newContext();
  await signIn(context, account);
  const text = async (path: string, headers: Record<string, string> = {}) => {
    const response = await context.request.get(path, { headers, maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    return response.text();
  };
  // Twice: the first view may be the one that renders the shell; the second is filled from it.
  const fromShell = [await text(PAGE), await text(PAGE), await text(PAGE, { 'Accept-Encoding': 'identity' })];
  const full = await text(FULL_RENDER);
  await context.close();
  return { account, fromShell, full };
}

test('a lesson filled into its shell is, byte for byte, the page a full render gives each person', async ({ browser }) => {
  const people: Person[] = [
    // Markup and quotes in a name are escaped as Astro escapes them.
    { roles: ['inspector'], fullName: `Ana <b>"Tere"</b> & O'Neil ${unique('a')}` },
    { roles: ['inspector'], fullName: `Beatriz Ruiz ${unique('b')}`, engagedSeconds: 125 },
    { roles: ['inspector'], fullName: `Carmen Díaz ${unique('c')}`, engagedSeconds: 3600 },
    { roles: ['inspector'], fullName: `Dolores Peña ${unique('d')}`, engagedSeconds: 900, completedAt: new Date('2026-11-23T18:00:00Z') },
    { roles: ['instructor'], fullName: `Elena Soto ${unique('e')}` },
    { roles: ['coordinator', 'admin'], fullName: `Fabiola Cruz ${unique('f')}` },
  ];
  const seen = new Set<string>();
  for (const person of people) {
    const { account, fromShell, full } = await pagesFor(browser, person);
    for (const page of fromShell) expect(page).toBe(full);
    // The person's own name and account, never someone else's from the same shell.
    expect(full).toContain(`data-user="${account.id}"`);
    expect(full).toContain(
      t('nav.signedInAs', {
        name: person.fullName
          .replaceAll('&', '&amp;')
          .replaceAll('<', '&lt;')
          .replaceAll('>', '&gt;')
          .replaceAll('"', '&quot;')
          .replaceAll("'", '&#39;'),
      }),
    );
    expect(full).not.toContain('\uE000');
    seen.add(full);
  }
  expect(seen.size).toBe(people.length);
});

test('the first view from a shell starts the learner’s record, and storing the module offline does not', async ({ browser }) => {
  const record = (userId: number) =>
    e2eDb()
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, LESSON)))
      .all();
  for (const offline of [true, false]) {
    const account = createAccountIn(['inspector']);
    createCohortIn({ inspectorIds: [account.id] });
    const context = await browser.newContext();
    await signIn(context, account);
    const response = await context.request.get(PAGE, { headers: offline ? { 'x-aula-sin-conexion': '1' } : {} });
    expect(response.status()).toBe(200);
    await context.close();
    expect(record(account.id)).toHaveLength(offline ? 0 : 1);
  }
});

test('a shell never answers for someone the lesson page would turn away', async ({ browser }) => {
  const get = async (account: { id: number; email: string; fullName: string; roles: Role[] }, path: string) => {
    const context = await browser.newContext();
    await signIn(context, account);
    const response = await context.request.get(path, { maxRedirects: 0 });
    const reply = { status: response.status(), location: response.headers().location };
    await context.close();
    return reply;
  };
  // Not enrolled in any cohort: 403.
  const stranger = createAccountIn(['inspector']);
  expect((await get(stranger, PAGE)).status).toBe(403);
  // Module 2 waits for module 1: back to the module's page, which says why.
  const learner = createAccountIn(['inspector']);
  createCohortIn({ inspectorIds: [learner.id] });
  expect(await get(learner, `/diplomado/${LOCKED_LESSON}`)).toEqual({
    status: 302,
    location: '/diplomado/02-reforma-laboral-2019?bloqueada=1',
  });
});

/** Headers that describe the page rather than how this connection carried it. */
function pageHeaders(headers: Record<string, string>) {
  const transport = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !transport.has(name)));
}

test('a lesson answered from its made shell carries the full render’s headers, and its length', async ({ browser }) => {
  const account = createAccountIn(['inspector']);
  createCohortIn({ inspectorIds: [account.id] });
  const context = await browser.newContext();
  await signIn(context, account);
  for (const encoding of ['gzip', 'identity']) {
    const get = (path: string) => context.request.get(path, { headers: { 'Accept-Encoding': encoding } });
    await get(PAGE);
    const direct = await get(PAGE);
    const full = await get(FULL_RENDER);
    expect(direct.status()).toBe(200);
    expect(pageHeaders(direct.headers())).toEqual(pageHeaders(full.headers()));
    expect(direct.headers()['cache-control']).toBe('private, no-store');
    // Written whole: a phone on a slow link can show how much of the page is left.
    expect(Number(direct.headers()['content-length'])).toBeGreaterThan(1000);
  }
  await context.close();
});

test('a made shell answers nobody whose session or enrollment has ended, and a session due for renewal is renewed', async ({ browser }) => {
  const account = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [account.id] });
  const context = await browser.newContext();
  const { sessionId } = await signIn(context, account);
  const get = () => context.request.get(PAGE, { maxRedirects: 0 });
  expect((await get()).status()).toBe(200);
  expect((await get()).status()).toBe(200);

  // Fewer than 15 days left: the answer renews the session and sends its cookie again.
  const soon = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
  e2eDb().update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, sessionId)).run();
  const renewed = await get();
  expect(renewed.status()).toBe(200);
  expect(renewed.headers()['set-cookie']).toMatch(/^aula_session=/);
  const expiresAt = e2eDb().select().from(sessions).where(eq(sessions.id, sessionId)).get()?.expiresAt;
  expect(expiresAt?.getTime()).toBeGreaterThan(soon.getTime());

  // Withdrawn from the cohort: the lesson is no longer theirs.
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: account.id, actorId: null });
  expect((await get()).status()).toBe(403);

  // Signed out (the session deleted): back to the sign-in page.
  e2eDb().delete(sessions).where(eq(sessions.id, sessionId)).run();
  const signedOut = await get();
  expect(signedOut.status()).toBe(303);
  expect(signedOut.headers().location).toBe(`/ingresar?siguiente=${encodeURIComponent(PAGE)}`);
  await context.close();
});
