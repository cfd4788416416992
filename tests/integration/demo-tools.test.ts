import { expect, test } from 'vitest';
import { practiceAttempts } from '../../db/schema/index.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { seedDemoTools } from '../../scripts/seed-demo-tools.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

test('the demo has KPI readings and practice case files reviewed, waiting and in progress', () => {
  const db = createTestDb();
  const instructor = insertPerson(db, { roles: ['instructor'] }).id;
  const cohortId = insertCohort(db, {
    name: 'Demo',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor],
    actorId: null,
  }).id;
  const learners = Array.from({ length: 12 }, () => insertPerson(db).id);
  for (const userId of learners) enrollInspectorOne(db, { cohortId, userId, actorId: null });
  seedDemoTools(db, learners, instructor, new Date('2026-12-01T18:00:00Z'));
  const attempts = db.select().from(practiceAttempts).all();
  const kpi = attempts.filter((a) => a.kind === 'kpi');
  expect(kpi.map((a) => [a.userId, a.score, a.maxScore])).toEqual([
    [learners[5], 6, 6],
    [learners[6], 4, 6],
  ]);
  const cases = attempts.filter((a) => a.kind === 'case_file');
  expect(cases.map((a) => [a.userId, a.status])).toEqual([
    [learners[5], 'reviewed'],
    [learners[7], 'submitted'],
    [learners[8], 'in_progress'],
  ]);
  expect(attempts.every((a) => a.cohortId === cohortId)).toBe(true);
  expect(attempts.some((a) => a.userId === learners[0])).toBe(false);
});
