import type { Browser } from '@playwright/test';
import { lessonProgress, type Role } from '../../db/schema/index.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createAccountIn, createCohortIn, e2eDb, expect, signIn, test, unique } from './helpers.ts';

// The program page and a module's page are served from shells (src/lib/server/course/path-shells.ts),
// answered without Astro once made; any query string makes them render in full, with the same data.
const MODULE = '01-fundamentos-inspeccion';
const LOCKED_MODULE = '02-reforma-laboral-2019';
const PAGES = ['/diplomado', `/diplomado/${MODULE}`, `/diplomado/${LOCKED_MODULE}`];

type Person = { roles: Role[]; fullName: string; completed?: string[]; cohortStartsOn?: string };

function enroll(userId: number, startsOn?: string) {
  if (!startsOn) return createCohortIn({ inspectorIds: [userId] });
  const db = e2eDb();
  const cohort = createCohort(db, {
    name: `Generación ${unique('futura')}`,
    startsOn,
    endsOn: '2027-12-17',
    instructorIds: [],
    actorId: null,
  });
  enrollInspector(db, { cohortId: cohort.id, userId, actorId: null });
  return cohort;
}

async function pagesFor(browser: Browser, person: Person) {
  const account = createAccountIn(person.roles, { fullName: person.fullName });
  if (person.roles.includes('inspector')) enroll(account.id, person.cohortStartsOn);
  for (const lesson of person.completed ?? []) {
    e2eDb()
      .insert(lessonProgress)
      .values({
        userId: account.id,
        programSlug: 'diplomado-inspeccion-federal',
        moduleSlug: lesson.split('/')[0] as string,
        lessonId: lesson,
        openedAt: new Date('2026-11-20T16:00:00Z'),
        engagedSeconds: 1800,
        completedAt: new Date('2026-11-21T16:00:00Z'),
      })
      .run();
  }
  const context = await browser.newContext();
  await signIn(context, account);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await context.request.get(path, { headers, maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    return { text: await response.text(), headers: response.headers() };
  };
  const pages = [];
  for (const path of PAGES) {
    // The first view may be the one that renders the shell; the next ones are answered from it.
    const fromShell = [
      await get(path, { 'Accept-Encoding': 'identity' }),
      await get(path),
      await get(path, { 'Accept-Encoding': 'identity' }),
    ];
    const full = await get(`${path}?render=completo`);
    pages.push({ path, fromShell, full });
  }
  await context.close();
  return { account, pages };
}

test('the program and module pages from their shells are, byte for byte, what a full render gives each person', async ({ browser }) => {
  const people: Person[] = [
    { roles: ['inspector'], fullName: `Ana <b>"Tere"</b> & O'Neil ${unique('a')}` },
    // Same way of seeing the pages as Ana, in another cohort: her pages come from Ana's shells.
    { roles: ['inspector'], fullName: `Alicia Mora ${unique('a2')}` },
    { roles: ['inspector'], fullName: `Beatriz Ruiz ${unique('b')}`, completed: [`${MODULE}/01-funcion-de-la-inspeccion`] },
    {
      roles: ['inspector'],
      fullName: `Carmen Díaz ${unique('c')}`,
      completed: [`${MODULE}/01-funcion-de-la-inspeccion`, `${MODULE}/02-convenio-81-y-buenas-practicas`],
    },
    { roles: ['inspector'], fullName: `Dolores Peña ${unique('d')}`, cohortStartsOn: '2027-06-07' },
    { roles: ['instructor'], fullName: `Elena Soto ${unique('e')}` },
    { roles: ['coordinator', 'admin'], fullName: `Fabiola Cruz ${unique('f')}` },
  ];
  const seen = new Map<string, Set<string>>();
  for (const person of people) {
    const { account, pages } = await pagesFor(browser, person);
    for (const { path, fromShell, full } of pages) {
      for (const page of fromShell) {
        expect(page.text, `${path} for ${person.fullName}`).toBe(full.text);
        expect(page.headers.vary, `${path} for ${person.fullName}`).toBe('Accept-Encoding');
      }
      // Answered whole from the shell, with the full render's headers.
      expect(Number(fromShell[1]?.headers['content-length'])).toBeGreaterThan(1000);
      expect(fromShell[1]?.headers['cache-control']).toBe(full.headers['cache-control']);
      expect(fromShell[1]?.headers['content-security-policy']).toBe(full.headers['content-security-policy']);
      expect(full.text).toContain(`data-user="${account.id}"`);
      expect(full.text).not.toContain('\uE000');
      seen.set(path, (seen.get(path) ?? new Set()).add(full.text));
    }
  }
  // Every person's page differs from the others' (their name at least), and progress shows.
  for (const texts of seen.values()) expect(texts.size).toBe(people.length);
});

test('a made shell answers nobody the program page turns away', async ({ browser }) => {
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  const context = await browser.newContext();
  await signIn(context, learner);
  const status = async (path: string) => (await context.request.get(path, { maxRedirects: 0 })).status();
  expect(await status('/diplomado')).toBe(200);
  expect(await status('/diplomado')).toBe(200);
  expect(await status(`/diplomado/${MODULE}`)).toBe(200);
  expect(await status(`/diplomado/${MODULE}`)).toBe(200);
  // Not a module: the 404 page, not a shell.
  expect(await status('/diplomado/99-no-existe')).toBe(404);
  // Withdrawn: no access to the program any more.
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: learner.id, actorId: null });
  expect(await status('/diplomado')).toBe(403);
  expect(await status(`/diplomado/${MODULE}`)).toBe(403);
  await context.close();
});
