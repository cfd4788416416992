import type { APIRequestContext, Browser } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { t } from '../../src/i18n/index.ts';
import { updateCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { startAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { saveRankingDraft, submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { type Account, createAccountIn, createCohortIn, e2eDb, expect, signIn, test } from './helpers.ts';

// Kept views (src/lib/server/cache/view-cache.ts): a person's page is sent again as it was while
// nothing it reads has changed, and drawn anew after any write it may show, by any path. Here the
// writes come from another connection (this test's), as a CLI script's or an import's would.

/**
 * A write the page shows, made without its change triggers (dropped and made again in the same
 * transaction): the kept view cannot know of it. Only to prove that a view was kept.
 */
function writeUnseen(table: string, write: () => void) {
  const client = e2eDb().$client;
  client.transaction(() => {
    const triggers = client
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE 'change_version_%'")
      .all(table) as {
      name: string;
      sql: string;
    }[];
    expect(triggers).toHaveLength(4);
    for (const trigger of triggers) client.exec(`DROP TRIGGER "${trigger.name}"`);
    write();
    for (const trigger of triggers) client.exec(trigger.sql);
  })();
}

// A kept view's key holds the minute (a page may say what time it is): a test that crossed into the
// next one would see its page drawn anew. Each takes well under a second; none starts in the last 5 s.
test.beforeEach(async () => {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_100 - intoMinute));
});

async function as(browser: Browser, account: Account): Promise<APIRequestContext> {
  const context = await browser.newContext();
  await signIn(context, account);
  return context.request;
}

async function text(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const response = await request.get(path, { headers, maxRedirects: 0 });
  expect(response.status(), path).toBe(200);
  return response.text();
}

const renameCohort = (id: number, name: string) => () => e2eDb().run(sql`update cohorts set name = ${name} where id = ${id}`);

test('a learner’s home is kept until something it shows changes, and says the same as a drawn one', async ({ browser }) => {
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  const request = await as(browser, learner);

  const drawn = await request.get('/aprendizaje');
  expect(await drawn.text()).toContain(cohort.name);
  const kept = await request.get('/aprendizaje');
  // The same headers as the page Astro drew (a length where Astro streamed), and the same page.
  const comparable = (headers: Record<string, string>) => {
    const { date, 'content-length': _, 'transfer-encoding': __, ...rest } = headers;
    return rest;
  };
  expect(comparable(kept.headers())).toEqual(comparable(drawn.headers()));
  expect(kept.headers()['content-length']).toBeDefined();
  expect(await kept.text()).toBe(await drawn.text());

  // Kept: a change made behind the counters' back does not show…
  writeUnseen('cohorts', renameCohort(cohort.id, `${cohort.name} (renombrada a escondidas)`));
  expect(await text(request, '/aprendizaje')).not.toContain('renombrada a escondidas');
  // …and any change the counters see draws the page anew, with both.
  renameCohort(cohort.id, `${cohort.name} (renombrada)`)();
  const after = await text(request, '/aprendizaje');
  expect(after).toContain(`${cohort.name} (renombrada)`);
  // A client that takes no gzip gets the same page, drawn by Astro.
  expect(await text(request, '/aprendizaje', { 'Accept-Encoding': 'identity' })).toBe(after);
});

test('an instructor’s kept cohort pages end with their assignment', async ({ browser }) => {
  const instructor = createAccountIn(['instructor']);
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const request = await as(browser, instructor);
  const pages = [
    `/instructor/generaciones/${cohort.id}`,
    `/generaciones/${cohort.id}/calificaciones`,
    `/generaciones/${cohort.id}/tablero`,
  ];
  for (const path of pages) {
    expect(await text(request, path)).toContain(learner.fullName);
    expect(await text(request, path)).toContain(learner.fullName);
  }
  expect(await text(request, '/instructor')).toContain(cohort.name);

  const coordinator = createAccountIn(['coordinator']);
  updateCohort(e2eDb(), {
    id: cohort.id,
    name: cohort.name,
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [],
    actorId: coordinator.id,
  });
  for (const path of pages) expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
  expect(await text(request, '/instructor')).not.toContain(cohort.name);
});

test('a coordinator’s kept cohort page follows enrollments and withdrawals made elsewhere', async ({ browser }) => {
  const coordinator = createAccountIn(['coordinator']);
  const first = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [first.id] });
  const request = await as(browser, coordinator);
  const path = `/coordinacion/generaciones/${cohort.id}`;
  expect(await text(request, path)).toContain(first.fullName);
  expect(await text(request, path)).toContain(first.fullName);

  const second = createAccountIn(['inspector']);
  enrollInspector(e2eDb(), { cohortId: cohort.id, userId: second.id, actorId: null });
  expect(await text(request, path)).toContain(second.fullName);
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: second.id, actorId: null });
  expect(await text(request, `${path}?estado=active`)).not.toContain(second.fullName);

  // A learner renamed: their roster row, in a kept page, follows.
  e2eDb().run(sql`update users set full_name = ${`${first.fullName} Renombrada`} where id = ${first.id}`);
  expect(await text(request, path)).toContain(`${first.fullName} Renombrada`);
});

test('each query string is its own view', async ({ browser }) => {
  const coordinator = createAccountIn(['coordinator']);
  const learner = createAccountIn(['inspector'], { state: 'Puebla' });
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  const request = await as(browser, coordinator);
  const path = `/generaciones/${cohort.id}/tablero`;
  expect(await text(request, `${path}?entidad=Puebla`)).toContain(learner.fullName);
  expect(await text(request, `${path}?entidad=Oaxaca`)).not.toContain(learner.fullName);
  expect(await text(request, `${path}?entidad=Puebla`)).toContain(learner.fullName);
});

test('a learner’s practice page is kept while their attempts stay the same; a reviewer’s is drawn every time', async ({ browser }) => {
  const learner = createAccountIn(['inspector']);
  const instructor = createAccountIn(['instructor']);
  const cohort = createCohortIn({ instructorIds: [instructor.id], inspectorIds: [learner.id] });
  const path = '/diplomado/herramientas/focalizacion';
  const picks = (justification: string) =>
    ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10'].map((employerId) => ({ employerId, justification }));
  const asLearner = await as(browser, learner);
  expect(await text(asLearner, path)).toContain('ranking-form');
  expect(await text(asLearner, path)).toContain('ranking-form');

  writeUnseen('practice_attempts', () => saveRankingDraft(e2eDb(), learner.id, picks('Guardada a escondidas')));
  expect(await text(asLearner, path)).not.toContain('Guardada a escondidas');
  saveRankingDraft(e2eDb(), learner.id, picks('Guardada por el formulario'));
  expect(await text(asLearner, path)).toContain('Guardada por el formulario');

  // The reviewer's list reads other people's attempts: a ranking sent shows at once, counted or not.
  const asInstructor = await as(browser, instructor);
  expect(await text(asInstructor, path)).not.toContain(learner.fullName);
  writeUnseen('practice_attempts', () => submitRanking(e2eDb(), learner.id, picks('Justificación suficiente para la prueba')));
  expect(await text(asInstructor, path)).toContain(learner.fullName);

  // Out of the cohort, the kept page is gone with the access it was drawn for.
  expect(await text(asLearner, path)).toContain('ranking-form');
  withdrawInspector(e2eDb(), { cohortId: cohort.id, userId: learner.id, actorId: null });
  expect((await asLearner.get(path, { maxRedirects: 0 })).status()).toBe(403);
});

test('the directory of people is kept until an account or a role changes', async ({ browser }) => {
  const coordinator = createAccountIn(['coordinator']);
  const person = createAccountIn(['inspector']);
  const request = await as(browser, coordinator);
  const path = `/coordinacion/personas?q=${encodeURIComponent(person.email)}`;
  const rename = (name: string) => () => e2eDb().run(sql`update users set full_name = ${name} where id = ${person.id}`);
  expect(await text(request, path)).toContain(person.fullName);
  expect(await text(request, path)).toContain(person.fullName);

  writeUnseen('users', rename('Renombrada a escondidas'));
  expect(await text(request, path)).toContain(person.fullName);
  rename(`${person.fullName} Renombrada`)();
  expect(await text(request, path)).toContain(`${person.fullName} Renombrada`);
  // A role given elsewhere (another coordinator, a CLI script) shows at once.
  const rolesCell = new RegExp(`<td[^>]*>[^<]*${t('role.instructor')}[^<]*</td>`);
  expect(await text(request, path)).not.toMatch(rolesCell);
  e2eDb().run(sql`insert into user_roles (user_id, role) values (${person.id}, 'instructor')`);
  expect(await text(request, path)).toMatch(rolesCell);
});

test('a learner’s quiz page is kept until their attempts change', async ({ browser }) => {
  const MODULE = '01-fundamentos-inspeccion';
  const quiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
  const learner = createAccountIn(['inspector']);
  const cohort = createCohortIn({ inspectorIds: [learner.id] });
  const request = await as(browser, learner);
  const path = `/diplomado/${MODULE}/evaluacion`;
  expect(await text(request, path)).toContain(t('quiz.start'));
  expect(await text(request, path)).toContain(t('quiz.start'));

  let attemptId = 0;
  const start = () => {
    ({ attemptId } = startAttempt(e2eDb(), {
      userId: learner.id,
      programSlug: 'diplomado-inspeccion-federal',
      moduleSlug: MODULE,
      quiz,
      cohortId: cohort.id,
    }));
  };
  // Starting an attempt writes its questions and, the first time, the quiz's version too.
  writeUnseen('quiz_attempts', () => writeUnseen('quiz_responses', () => writeUnseen('quiz_versions', start)));
  expect(await text(request, path)).not.toContain(t('quiz.resume'));
  // Any write to the attempt, by any path, draws the page anew.
  e2eDb().run(sql`update quiz_attempts set started_at = started_at where id = ${attemptId}`);
  expect(await text(request, path)).toContain(t('quiz.resume'));
});
