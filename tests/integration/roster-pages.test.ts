import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { fillMissingSortKeys } from '../../src/lib/server/accounts/sort-key.ts';
import { updatePerson } from '../../src/lib/server/accounts/update-person.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne, getRoster, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

// Rosters without a search are served by prepared statements (enroll.ts); with one, by the query
// builder. Both must count, filter, order and page alike.
test('a roster page without a search counts, filters, orders and pages as one with a search that matches everyone', () => {
  const db = createTestDb();
  const actorId = insertPerson(db, { roles: ['coordinator'] }).id;
  const instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  const cohortId = createCohort(db, {
    name: 'Generación paginada',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [instructorId],
    actorId,
  }).id;
  const ids = Array.from({ length: 9 }, (_, n) => insertPerson(db, { roles: ['inspector'], email: `persona${n}@stps.gob.mx` }, 100 + n).id);
  for (const userId of ids) enrollInspectorOne(db, { cohortId, userId, actorId });
  for (const userId of ids.slice(0, 2)) withdrawInspector(db, { cohortId, userId, actorId });

  for (const status of [undefined, 'active', 'withdrawn'] as const) {
    for (const page of [1, 2, 3, 9]) {
      const plain = getRoster(db, cohortId, { status, page, pageSize: 3 });
      const searched = getRoster(db, cohortId, { status, page, pageSize: 3, query: 'stps.gob.mx' });
      expect(plain).toEqual(searched);
    }
  }
  expect(getRoster(db, cohortId, { status: 'active', pageSize: 3 }).total).toBe(7);
  expect(
    getRoster(db, cohortId, { status: 'withdrawn', pageSize: 3 })
      .rows.map((r) => r.userId)
      .sort(),
  ).toEqual(ids.slice(0, 2).sort());
  expect(getRoster(db, cohortId, { status: 'active', page: 9, pageSize: 3 })).toMatchObject({ page: 3, pages: 3 });
  db.$client.close();
});

// The roster reads name order from the enrollment's copy of the sort key (migration 0015's
// triggers): a rename, a key filled in later, and a new enrollment all show in the order at once.
test('a roster stays in Spanish name order through renames, keys filled in later and new enrollments', () => {
  const db = createTestDb();
  const actorId = insertPerson(db, { roles: ['coordinator'] }).id;
  const cohortId = createCohort(db, {
    name: 'Generación en orden',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [],
    actorId,
  }).id;
  const person = (fullName: string, n: number) => insertPerson(db, { roles: ['inspector'], fullName }, 200 + n);
  const names = () => getRoster(db, cohortId, { pageSize: 50 }).rows.map((r) => r.fullName);
  const ids = ['Óscar Zamora', 'Ana Núñez', 'Ángel Nava'].map((fullName, n) => person(fullName, n));
  for (const { id } of ids) enrollInspectorOne(db, { cohortId, userId: id, actorId });
  expect(names()).toEqual(['Ana Núñez', 'Ángel Nava', 'Óscar Zamora']);

  const oscar = ids[0] as (typeof ids)[number];
  updatePerson(db, { id: oscar.id, person: { ...oscar.person, fullName: 'Adela Zamora' }, actorId });
  expect(names()).toEqual(['Adela Zamora', 'Ana Núñez', 'Ángel Nava']);

  // A person from before sort keys existed (migration 0012) gets one at start, and moves into place.
  const late = person('Beatriz Ochoa', 3);
  db.update(users).set({ sortKey: '' }).where(eq(users.id, late.id)).run();
  enrollInspectorOne(db, { cohortId, userId: late.id, actorId });
  expect(names()[0]).toBe('Beatriz Ochoa');
  fillMissingSortKeys(db);
  expect(names()).toEqual(['Adela Zamora', 'Ana Núñez', 'Ángel Nava', 'Beatriz Ochoa']);

  // Paged: the second page continues the order, ties broken by id as before.
  expect(getRoster(db, cohortId, { page: 2, pageSize: 3 }).rows.map((r) => r.fullName)).toEqual(['Beatriz Ochoa']);
  const copies = db.$client
    .prepare('select count(*) as n from enrollments e join users u on u.id = e.user_id where e.sort_key != u.sort_key')
    .get();
  expect(copies).toEqual({ n: 0 });
  db.$client.close();
});
