import { describe, expect, test } from 'vitest';
import { attendance, liveSessions, quizOverrides } from '../../db/schema/index.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getStanding, getStandings } from '../../src/lib/server/hours/standing.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { completeProgram, loadCertificateContext, passQuiz } from '../certificate-helpers.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

/**
 * getStandings reads for many people at once what getStanding reads for one (a certificate run,
 * a cohort's eligibility list): for people in every situation, each standing must be the same.
 */
describe('getStandings', () => {
  test('gives each person exactly the standing getStanding gives them alone', () => {
    const db = createTestDb();
    const context = loadStandingContext();
    const now = new Date('2026-10-05T17:00:00Z');
    syncHourBudgets(db, context.plan);
    const coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
    const cohortA = insertCohort(db, { name: 'G-A', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [], actorId: null }).id;
    const cohortB = insertCohort(db, { name: 'G-B', startsOn: '2026-08-03', endsOn: '2027-01-29', instructorIds: [], actorId: null }).id;
    const people = Array.from({ length: 6 }, () => insertPerson(db).id);
    const [done, partial, lessons, quizOnly, otherCohort, nothing] = people as [number, number, number, number, number, number];
    for (const id of [done, partial, lessons, quizOnly]) enrollInspectorOne(db, { cohortId: cohortA, userId: id, actorId: null });
    enrollInspectorOne(db, { cohortId: cohortB, userId: otherCohort, actorId: null });
    // `nothing` is enrolled nowhere.

    completeProgram(db, loadCertificateContext(), { userId: done, actorId: coordinator });
    completeProgram(db, loadCertificateContext(), {
      userId: partial,
      actorId: coordinator,
      shortModule: context.plan.modules[1]?.slug,
      shortMinutes: 60,
      skipQuizzes: [context.quizzes[0]?.moduleSlug ?? ''],
    });
    const m1 = context.plan.modules[0] as (typeof context.plan.modules)[number];
    for (const lesson of m1.lessons.slice(0, 2)) {
      const ref = { userId: lessons, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: m1.slug, lessonId: lesson.id };
      recordHeartbeat(db, ref);
      completeLesson(db, { ...ref, minMinutes: 0, hours: lesson.minutes / 60 });
    }
    passQuiz(db, quizOnly, context.quizzes[1]?.moduleSlug ?? '', 0.5);
    db.insert(quizOverrides)
      .values({
        userId: quizOnly,
        moduleSlug: context.quizzes[1]?.moduleSlug ?? '',
        extraAttempts: 2,
        reason: 'Falla de conexión',
        actorId: coordinator,
        createdAt: now,
      })
      .run();
    const session = db
      .insert(liveSessions)
      .values({
        cohortId: cohortA,
        moduleSlug: m1.slug,
        title: 'Sesión 1',
        startsAt: new Date('2026-09-10T16:00:00Z'),
        durationMinutes: 120,
        mode: 'virtual',
        location: 'https://reunion.example/1',
        checkinSecret: 'x'.repeat(32),
        createdBy: coordinator,
        createdAt: now,
      })
      .returning({ id: liveSessions.id })
      .get();
    for (const [userId, status] of [
      [done, 'present'],
      [partial, 'absent'],
      [lessons, 'excused'],
    ] as const) {
      db.insert(attendance)
        .values({
          sessionId: session.id,
          userId,
          status,
          minutesAttended: status === 'present' ? 120 : 0,
          via: 'instructor',
          recordedBy: coordinator,
          recordedAt: now,
        })
        .run();
    }

    const batched = getStandings(db, [...people, done], { ...context, now });
    expect([...batched.keys()].sort()).toEqual([...people].sort());
    for (const id of people) expect(batched.get(id), `person ${id}`).toEqual(getStanding(db, id, { ...context, now }));
    // The situations really differ, so the comparison means something.
    const credited = people.map((id) => batched.get(id)?.creditedMinutes);
    expect(new Set(credited).size).toBeGreaterThanOrEqual(4);
    expect(batched.get(done)?.attendance.share).toBe(1);
    expect(batched.get(partial)?.attendance.share).toBe(0);
    expect(batched.get(nothing)?.creditedMinutes).toBe(0);
    expect(getStandings(db, [], { ...context, now }).size).toBe(0);
  });
});
