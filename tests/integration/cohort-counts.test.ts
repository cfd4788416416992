import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { createCohort, getCohort, listCohorts, listCohortsTaughtBy } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
let instructorId: number;
const ids: Record<'full' | 'empty' | 'mixed', number> = { full: 0, empty: 0, mixed: 0 };

/** Active enrollments per cohort, counted by SQLite itself: what every page must show. */
function countedInDatabase(): Map<number, number> {
  const rows = db.all<{ cohort_id: number; n: number }>(
    sql`select cohort_id, count(*) as n from enrollments where status = 'active' group by cohort_id`,
  );
  return new Map(rows.map((r) => [r.cohort_id, r.n]));
}

beforeEach(() => {
  db = createTestDb();
  instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  const cohort = (name: string, startsOn: string) =>
    createCohort(db, { name, startsOn, endsOn: '2027-06-30', instructorIds: [instructorId], actorId: null }).id;
  ids.full = cohort('Treinta', '2026-01-10');
  ids.empty = cohort('Vacía', '2026-02-10');
  ids.mixed = cohort('Con bajas', '2026-03-10');
  const learners = Array.from({ length: 30 }, (_, i) => insertPerson(db, { roles: ['inspector'] }, 200 + i).id);
  for (const userId of learners) enrollInspectorOne(db, { cohortId: ids.full, userId, actorId: null });
  // Five of the same people in a third cohort, two of whom withdraw: 3 remain active there.
  for (const userId of learners.slice(0, 5))
    enrollInspectorOne(db, { cohortId: ids.mixed, userId, actorId: null, concurrentReason: 'Recursan un módulo con otro grupo' });
  for (const userId of learners.slice(0, 2)) withdrawInspector(db, { cohortId: ids.mixed, userId, actorId: null });
});

describe('cohort enrollment counts', () => {
  const expected = () => ({ [ids.full]: 30, [ids.empty]: 0, [ids.mixed]: 3 });

  test('listCohorts counts each cohort’s active enrollments exactly', () => {
    const counts = Object.fromEntries(listCohorts(db).map((c) => [c.id, c.activeCount]));
    expect(counts).toEqual(expected());
    const stored = countedInDatabase();
    for (const [id, n] of Object.entries(counts)) expect(n).toBe(stored.get(Number(id)) ?? 0);
  });

  test('getCohort and listCohortsTaughtBy give the same exact counts', () => {
    expect([ids.full, ids.empty, ids.mixed].map((id) => getCohort(db, id)?.activeCount)).toEqual([30, 0, 3]);
    const taught = Object.fromEntries(listCohortsTaughtBy(db, instructorId).map((c) => [c.id, c.activeCount]));
    expect(taught).toEqual(expected());
  });
});
