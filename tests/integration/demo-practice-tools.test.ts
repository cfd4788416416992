import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { checklistMarks, practiceAttempts, users } from '../../db/schema/index.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../../scripts/seed-demo.ts';
import { createTestDb } from '../db.ts';

/**
 * The whole demo's practice (issue 15): learners with rankings (complete, partial, a draft),
 * checklists marked in module 7's lessons and a commented practice inspection; the demo inspector
 * with nothing, so every exercise starts fresh; and seeding again adds nothing.
 */
test('demo learners have rankings, module 7 checklists and a commented inspection; the demo inspector starts fresh', {
  timeout: 60_000,
}, () => {
  const db = createTestDb();
  expect(seedDemo(db, 'hash-de-prueba')).toBe(true);
  const attempts = db.select().from(practiceAttempts).all();
  const marks = db.select().from(checklistMarks).all();

  const rankings = attempts.filter((a) => a.kind === 'ranking');
  const percent = (a: (typeof attempts)[number]) => Math.round(((a.score ?? 0) / (a.maxScore ?? 1)) * 100);
  expect(rankings.filter((a) => a.status === 'submitted').map(percent)).toEqual([100, expect.any(Number)]);
  expect(percent(rankings.filter((a) => a.status === 'submitted')[1] as (typeof attempts)[number])).toBeLessThan(100);
  expect(rankings.filter((a) => a.status === 'in_progress')).toHaveLength(1);

  expect(marks.length).toBeGreaterThanOrEqual(3);
  expect(marks.every((m) => m.lessonId.startsWith('07-herramientas-autopartes/'))).toBe(true);
  expect(
    marks.some((m) => Object.values(JSON.parse(m.marks) as Record<string, { mark: string }>).some((v) => v.mark === 'no_cumple')),
  ).toBe(true);

  const commented = attempts.filter((a) => a.kind === 'inspection' && a.status === 'reviewed');
  expect(commented).toHaveLength(1);
  expect(commented[0]?.reviewComment).toBeTruthy();

  // Every demo practice attempt belongs to the demo cohort's learners: none is a staff preview.
  expect(attempts.every((a) => a.cohortId !== null && a.enrollmentId !== null)).toBe(true);
  const inspector = db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[3].email)).get();
  expect(inspector).toBeDefined();
  expect(attempts.some((a) => a.userId === inspector?.id)).toBe(false);
  expect(marks.some((m) => m.userId === inspector?.id)).toBe(false);

  // Idempotent: a second run adds nothing.
  expect(seedDemo(db, 'hash-de-prueba')).toBe(false);
  expect(db.select().from(practiceAttempts).all()).toHaveLength(attempts.length);
  expect(db.select().from(checklistMarks).all()).toHaveLength(marks.length);
});
