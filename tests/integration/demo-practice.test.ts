import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { hoursLedger, practiceAttempts } from '../../db/schema/index.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { seedDemoInspections } from '../../scripts/seed-demo-practice.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

test('the demo has a complete practice inspection with its hour and a comment, partial ones without, and one in progress', () => {
  const db = createTestDb();
  syncHourBudgets(db, loadStandingContext().plan);
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
  seedDemoInspections(db, learners, new Date('2026-12-01T18:00:00Z'), instructor);
  const attempts = db.select().from(practiceAttempts).all();
  const ratio = (a: (typeof attempts)[number]) => (a.score ?? 0) / (a.maxScore ?? 1);
  // The complete one carries the instructor's comment.
  const complete = attempts.filter((a) => a.status !== 'in_progress' && ratio(a) === 1);
  expect(complete.map((a) => [a.status, a.reviewedBy])).toEqual([['reviewed', instructor]]);
  expect(complete[0]?.reviewComment).toMatch(/LFT, art\. 14/);
  expect(attempts.filter((a) => a.status === 'submitted' && ratio(a) > 0 && ratio(a) < 0.6)).toHaveLength(2);
  expect(attempts.filter((a) => a.status === 'in_progress')).toHaveLength(1);
  expect(attempts.every((a) => a.cohortId === cohortId && a.feedback !== null) || attempts.some((a) => a.status === 'in_progress')).toBe(
    true,
  );
  const credits = db.select().from(hoursLedger).where(eq(hoursLedger.source, 'practice')).all();
  expect(credits.map((c) => [c.userId, c.ref, c.minutes])).toEqual([[learners[5], 'inspection:arneses-lerma', 60]]);
  // The first learner (the demo inspector's place is before these) has nothing: every exercise can start at once.
  expect(attempts.some((a) => a.userId === learners[0])).toBe(false);
});
