import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { countedAsOne, installChangeVersions, type Reads, readStamp, watchedTables } from '../../src/lib/server/cache/change-versions.ts';
import { createCohort, updateCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { recordFailedSignIn, throttleKeys } from '../../src/lib/server/auth/throttle.ts';
import { recordHeartbeat, recordLessonOpened } from '../../src/lib/server/progress/engagement.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

// The counters behind kept views (cache/view-cache.ts): a page kept for a person is sent again only
// while its stamp is the same, so every write a page can show must change the stamp of everyone
// who sees it, and writes nobody sees should change nobody's.

let db: Db;
let instructor: number;
let coordinator: number;
let learner: number;
let classmate: number;
let elsewhere: number;
let cohort: number;
let otherCohort: number;
const OWN: Reads = { kind: 'own' };

const lesson = (userId: number) => ({ userId, programSlug: 'diplomado', moduleSlug: '01-marco', lessonId: '01-marco/01-intro' });

/** Each observer's stamp before and after `write`: which of them changed. */
function changedFor(observers: Record<string, () => string>, write: () => void): string[] {
  const before = Object.entries(observers).map(([name, stamp]) => [name, stamp(), stamp] as const);
  write();
  return before.filter(([, was, stamp]) => stamp() !== was).map(([name]) => name);
}

beforeEach(() => {
  db = createTestDb();
  installChangeVersions(db);
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  learner = insertPerson(db, { roles: ['inspector'] }).id;
  classmate = insertPerson(db, { roles: ['inspector'] }).id;
  elsewhere = insertPerson(db, { roles: ['inspector'] }).id;
  cohort = createCohort(db, { name: 'Norte', startsOn: '2026-01-10', endsOn: '2027-06-30', instructorIds: [instructor], actorId: null }).id;
  otherCohort = createCohort(db, { name: 'Sur', startsOn: '2026-01-10', endsOn: '2027-06-30', instructorIds: [], actorId: null }).id;
  enrollInspectorOne(db, { cohortId: cohort, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId: cohort, userId: classmate, actorId: null });
  enrollInspectorOne(db, { cohortId: otherCohort, userId: elsewhere, actorId: null });
});

const observers = () => ({
  learner: () => readStamp(db, learner, OWN),
  classmate: () => readStamp(db, classmate, OWN),
  elsewhere: () => readStamp(db, elsewhere, OWN),
  instructorHome: () => readStamp(db, instructor, OWN),
  cohortPage: () => readStamp(db, coordinator, { kind: 'cohort', cohortId: cohort }),
  otherCohortPage: () => readStamp(db, coordinator, { kind: 'cohort', cohortId: otherCohort }),
  program: () => readStamp(db, coordinator, { kind: 'everything' }),
});

describe('change counters', () => {
  test('every table but the ignored ones has its four triggers', () => {
    const tables = watchedTables(db);
    expect(tables).toContain('hours_ledger');
    expect(tables).not.toContain('sign_in_throttles');
    const triggers = db.all<{ tbl_name: string; n: number }>(
      sql`select tbl_name, count(*) as n from sqlite_master where type = 'trigger' and name like 'change_version_%' group by tbl_name`,
    );
    expect(Object.fromEntries(triggers.map((t) => [t.tbl_name, t.n]))).toEqual(Object.fromEntries(tables.map((t) => [t, 4])));
  });

  test('a learner’s study changes their own pages, their cohort staff’s and the program’s, not their classmates’', () => {
    expect(changedFor(observers(), () => recordLessonOpened(db, lesson(learner)))).toEqual([
      'learner',
      'instructorHome',
      'cohortPage',
      'program',
    ]);
    expect(changedFor(observers(), () => recordHeartbeat(db, lesson(learner), new Date()))).toEqual([
      'learner',
      'instructorHome',
      'cohortPage',
      'program',
    ]);
    // Opening the same lesson again writes nothing: the lesson page's view does not spoil the home's.
    expect(changedFor(observers(), () => recordLessonOpened(db, lesson(learner)))).toEqual([]);
  });

  test('an instructor’s name, which their learners see, changes the cohorts they teach', () => {
    expect(changedFor(observers(), () => db.run(sql`update users set full_name = 'Otra Persona' where id = ${instructor}`))).toEqual([
      'learner',
      'classmate',
      'instructorHome',
      'cohortPage',
      'program',
    ]);
  });

  test('a cohort’s own rows change what everyone in it sees', () => {
    expect(
      changedFor(observers(), () =>
        updateCohort(db, {
          id: cohort,
          name: 'Norte 2',
          startsOn: '2026-01-10',
          endsOn: '2027-06-30',
          instructorIds: [instructor],
          actorId: coordinator,
        }),
      ),
    ).toEqual(['learner', 'classmate', 'instructorHome', 'cohortPage', 'program']);
  });

  test('a withdrawal changes the cohort the person leaves, although their row no longer fans out to it', () => {
    expect(changedFor(observers(), () => withdrawInspector(db, { cohortId: cohort, userId: learner, actorId: null }))).toEqual([
      'learner',
      'instructorHome',
      'cohortPage',
      'program',
    ]);
  });

  test('an answer saved in a quiz attempt belongs to the attempt’s person', () => {
    db.run(sql`insert into quiz_versions (hash, module_slug, definition, created_at) values ('v1', '01-marco', '{}', 0)`);
    const attempt = db.get<{ id: number }>(sql`insert into quiz_attempts
      (user_id, cohort_id, program_slug, module_slug, number, quiz_version, layout, started_at, max_score)
      values (${learner}, ${cohort}, 'diplomado', '01-marco', 1, 'v1', '[]', 0, 10) returning id`);
    expect(
      changedFor(observers(), () =>
        db.run(sql`insert into quiz_responses (attempt_id, question_id, response, saved_at) values (${attempt?.id}, 'q1', '"a"', 0)`),
      ),
    ).toEqual(['learner', 'instructorHome', 'cohortPage', 'program']);
  });

  test('a table not mapped to people or cohorts changes every page', () => {
    const changed = changedFor(observers(), () => db.run(sql`insert into seed_runs (name, ran_at) values ('prueba', 0)`));
    expect(changed.sort()).toEqual(Object.keys(observers()).sort());
  });

  test('the directory of people changes with accounts and roles, not with study or enrollments', () => {
    const directory = { people: () => readStamp(db, coordinator, { kind: 'people' }) };
    const newcomer = insertPerson(db, { roles: ['inspector'] }).id;
    expect(changedFor(directory, () => recordHeartbeat(db, lesson(learner), new Date()))).toEqual([]);
    expect(changedFor(directory, () => enrollInspectorOne(db, { cohortId: otherCohort, userId: newcomer, actorId: null }))).toEqual([]);
    expect(changedFor(directory, () => withdrawInspector(db, { cohortId: cohort, userId: learner, actorId: null }))).toEqual([]);
    expect(changedFor(directory, () => insertPerson(db, { roles: ['inspector'] }))).toEqual(['people']);
    expect(changedFor(directory, () => db.run(sql`update users set full_name = 'Nombre Nuevo' where id = ${learner}`))).toEqual(['people']);
    expect(changedFor(directory, () => db.run(sql`delete from user_roles where user_id = ${instructor}`))).toEqual(['people']);
    // What nothing maps may be shown anywhere, the directory included.
    expect(changedFor(directory, () => db.run(sql`insert into seed_runs (name, ran_at) values ('prueba', 0)`))).toEqual(['people']);
  });

  test('failed sign-ins change no page', () => {
    expect(changedFor(observers(), () => recordFailedSignIn(db, throttleKeys('nadie@ejemplo.mx', '10.0.0.1')))).toEqual([]);
  });

  test('a bulk write counted as one changes every page once, and counting resumes after it', () => {
    const versionOf = (scope: number) =>
      db.get<{ v: number }>(sql`select version as v from change_versions where scope = ${scope} and id = 0`)?.v;
    const any = versionOf(0) ?? 0;
    const changed = changedFor(observers(), () =>
      db.transaction(() =>
        countedAsOne(db, () => {
          for (let i = 0; i < 20; i += 1) recordHeartbeat(db, lesson(learner), new Date(Date.now() + i * 30_000));
        }),
      ),
    );
    expect(changed.sort()).toEqual(Object.keys(observers()).sort());
    expect(versionOf(0)).toBe(any + 1);
    expect(versionOf(5)).toBeUndefined();
    expect(changedFor(observers(), () => recordLessonOpened(db, lesson(classmate)))).toContain('classmate');
    // Outside a transaction it refuses: the pause must never be seen by another connection.
    expect(() => countedAsOne(db, () => undefined)).toThrow();
  });

  test('made again at every start: a table rebuilt by a migration gets its triggers back', () => {
    db.run(sql`drop trigger change_version_hours_ledger_insert_new`);
    installChangeVersions(db);
    expect(changedFor(observers(), () => recordHeartbeat(db, lesson(classmate), new Date()))).toContain('classmate');
    const count = db.get<{ n: number }>(sql`select count(*) as n from sqlite_master where name like 'change_version_hours_ledger_%'`);
    expect(count?.n).toBe(4);
  });
});
