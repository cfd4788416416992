import { expect, test } from 'vitest';
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
