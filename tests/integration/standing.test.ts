import { beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { enrollmentForCredit, listLedgerEntries, recordAdjustment } from '../../src/lib/server/hours/ledger.ts';
import { whatIsMissing } from '../../src/lib/server/hours/missing.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getStanding } from '../../src/lib/server/hours/standing.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

const context = loadStandingContext();
const { plan } = context;
const [m1, m2] = plan.modules as [(typeof plan.modules)[number], (typeof plan.modules)[number]];
const now = new Date('2026-10-05T17:00:00Z');

let db: Db;
let learner: number;
let coordinator: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  learner = insertPerson(db).id;
  const cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
});

function complete(lesson: { id: string; minutes: number }, moduleSlug: string) {
  const ref = { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug, lessonId: lesson.id };
  recordHeartbeat(db, ref);
  completeLesson(db, { ...ref, minMinutes: 0, hours: lesson.minutes / 60 });
}

describe('getStanding', () => {
  test('every number it shows is a sum of the ledger, overall and per module and budget', () => {
    for (const lesson of m1.lessons) complete(lesson, m1.slug);
    complete(m2.lessons[0] as { id: string; minutes: number }, m2.slug);
    const enrollmentId = enrollmentForCredit(db, learner, DEFAULT_PROGRAM_SLUG) as number;
    const adjustment = {
      userId: learner,
      programSlug: DEFAULT_PROGRAM_SLUG,
      enrollmentId,
      recordedBy: coordinator,
      reason: 'Sesión recuperada',
    };
    recordAdjustment(db, { ...adjustment, moduleSlug: m2.slug, budget: 'live', minutes: 90, budgetMinutes: m2.budget.live });
    recordAdjustment(db, {
      ...adjustment,
      moduleSlug: m2.slug,
      budget: 'live',
      minutes: -15,
      budgetMinutes: m2.budget.live,
      reason: 'Error de captura',
    });

    const standing = getStanding(db, learner, { ...context, now });
    const entries = listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG);
    const sum = (list: typeof entries) => list.reduce((s, e) => s + e.minutes, 0);
    expect(standing.creditedMinutes).toBe(sum(entries));
    expect(standing.creditedMinutes).toBe(m1.budget.study + (m2.lessons[0]?.minutes ?? 0) + 75);
    for (const m of standing.modules) {
      expect(m.creditedMinutes).toBe(sum(entries.filter((e) => e.moduleSlug === m.slug)));
      for (const [budget, { credited }] of Object.entries(m.budgets)) {
        expect(credited).toBe(sum(entries.filter((e) => e.moduleSlug === m.slug && e.budget === budget)));
      }
    }
    expect(standing.modules.reduce((s, m) => s + m.creditedMinutes, 0)).toBe(standing.creditedMinutes);
    expect(standing.modules[0]).toMatchObject({ lessonsCompleted: m1.lessons.length, lessonsTotal: m1.lessons.length });
  });

  test('the next thing to do is the first lesson not done in path order, and the open quiz of a finished module', () => {
    const fresh = getStanding(db, learner, { ...context, now });
    expect(fresh.next.lesson).toEqual({ id: m1.lessons[0]?.id, moduleSlug: m1.slug });
    expect(fresh.modules[0]?.quiz).toMatchObject({ status: 'not-taken', open: true });
    for (const lesson of m1.lessons) complete(lesson, m1.slug);
    const later = getStanding(db, learner, { ...context, now });
    expect(later.next.lesson?.moduleSlug).not.toBe(m1.slug);
    expect(later.next.quizModuleSlug).toBe(m1.slug);
    expect(whatIsMissing(later)[0]).toMatch(/^Le faltan .* y aprobar las evaluaciones de los módulos 1, 2, 3, 4, 5, 6, 7, 8, 9 y 10\.$/);
  });

  test('a learner with no sessions held yet meets the attendance share', () => {
    const standing = getStanding(db, learner, { ...context, now });
    expect(standing.attendance).toEqual({ share: null, held: 0, required: 0.8 });
  });
});
