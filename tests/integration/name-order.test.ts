import { describe, expect, test } from 'vitest';
import { listPeople } from '../../src/lib/server/accounts/people.ts';
import { fillMissingSortKeys } from '../../src/lib/server/accounts/sort-key.ts';
import { createCohort, listInstructors } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector, getRoster } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

/** Names as a Spanish reader sorts them: an accent or a capital does not move a name to the end. */
const NAMES = [
  'Óscar Zamora Ruiz',
  'Zoila Pérez León',
  'Ñeli Ortiz Paz',
  'Álvaro Núñez Díaz',
  'ana Ibarra Soto',
  'Nuria Vela Paz',
  'Úrsula Gómez Vela',
];
const EXPECTED = [
  'Álvaro Núñez Díaz',
  'ana Ibarra Soto',
  'Nuria Vela Paz',
  'Ñeli Ortiz Paz',
  'Óscar Zamora Ruiz',
  'Úrsula Gómez Vela',
  'Zoila Pérez León',
];

describe('lists of people sort by name as Spanish does, also when paged in SQL', () => {
  test('people, a roster and the instructors', () => {
    const db = createTestDb();
    const ids = NAMES.map((fullName, n) => insertPerson(db, { fullName, roles: ['inspector', 'instructor'] }, n + 1).id);
    const { id: cohortId } = createCohort(db, {
      name: 'Generación 2026-2',
      startsOn: '2026-09-07',
      endsOn: '2027-02-26',
      instructorIds: [],
      actorId: null,
    });
    for (const userId of ids) enrollInspector(db, { cohortId, userId, actorId: null });

    expect(EXPECTED).toEqual([...NAMES].sort(new Intl.Collator('es-MX').compare));
    expect(listPeople(db, { pageSize: 3 }).rows.map((r) => r.fullName)).toEqual(EXPECTED.slice(0, 3));
    expect(listPeople(db, { pageSize: 3, page: 2 }).rows.map((r) => r.fullName)).toEqual(EXPECTED.slice(3, 6));
    expect(listPeople(db, { pageSize: 3, page: 3 }).rows.map((r) => r.fullName)).toEqual(EXPECTED.slice(6));
    expect(getRoster(db, cohortId).rows.map((r) => r.fullName)).toEqual(EXPECTED);
    expect(listInstructors(db).map((r) => r.fullName)).toEqual(EXPECTED);
  });

  test('rows written before the sort key existed get it when the server starts', () => {
    const db = createTestDb();
    for (const [n, fullName] of NAMES.entries()) insertPerson(db, { fullName }, n + 1);
    db.$client.exec("update users set sort_key = ''");
    expect(fillMissingSortKeys(db)).toBe(NAMES.length);
    expect(fillMissingSortKeys(db)).toBe(0);
    expect(listPeople(db, { pageSize: 50 }).rows.map((r) => r.fullName)).toEqual(EXPECTED);
  });
});
