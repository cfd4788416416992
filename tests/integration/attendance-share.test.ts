import { beforeEach, describe, expect, test } from 'vitest';
import { type AttendanceStatus, attendance, liveSessions } from '../../db/schema/index.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { attendanceShare, meetsAttendanceShare, upcomingSessionsFor } from '../../src/lib/server/sessions/attendance-share.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const NOW = new Date('2026-10-15T18:00:00Z');
const HOUR = 3_600_000;

let db: Db;
let instructor: number;
let ana: number;
let beto: number;
let cohortId: number;
let otherCohort: number;

beforeEach(() => {
  db = createTestDb();
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  ana = insertPerson(db).id;
  beto = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  otherCohort = insertCohort(db, {
    name: 'G2',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor],
    actorId: null,
  }).id;
  for (const userId of [ana, beto]) enrollInspectorOne(db, { cohortId, userId, actorId: null });
});

function session(startsAt: Date, options: { cohort?: number; cancelled?: boolean; minutes?: number } = {}): number {
  return db
    .insert(liveSessions)
    .values({
      cohortId: options.cohort ?? cohortId,
      moduleSlug: '01-fundamentos-inspeccion',
      title: 'Sesión',
      startsAt,
      durationMinutes: options.minutes ?? 60,
      mode: 'virtual',
      location: 'https://meet.example.mx/abc',
      checkinSecret: 'secreto',
      createdBy: instructor,
      createdAt: startsAt,
      cancelledAt: options.cancelled ? startsAt : null,
    })
    .returning({ id: liveSessions.id })
    .get().id;
}

function mark(sessionId: number, userId: number, status: AttendanceStatus) {
  db.insert(attendance)
    .values({ sessionId, userId, status, minutesAttended: 0, via: 'instructor', recordedBy: instructor, recordedAt: NOW })
    .run();
}

describe('attendanceShare', () => {
  test('a cohort with no sessions held meets it: the share is null', () => {
    session(new Date(NOW.getTime() + HOUR)); // upcoming: not held yet
    const shares = attendanceShare(db, [ana], cohortId, NOW);
    expect(shares.get(ana)).toEqual({ held: 0, excused: 0, attended: 0, share: null });
    expect(meetsAttendanceShare(shares.get(ana), 0.8)).toBe(true);
  });

  test('counts held sessions, leaves out excused absences, and a missing record counts as missed', () => {
    const s1 = session(new Date(NOW.getTime() - 5 * HOUR));
    const s2 = session(new Date(NOW.getTime() - 4 * HOUR));
    const s3 = session(new Date(NOW.getTime() - 3 * HOUR));
    const s4 = session(new Date(NOW.getTime() - 2 * HOUR));
    session(new Date(NOW.getTime() - 6 * HOUR), { cancelled: true });
    session(new Date(NOW.getTime() - 30 * 60_000)); // running: not held yet
    session(new Date(NOW.getTime() - 5 * HOUR), { cohort: otherCohort });
    mark(s1, ana, 'present');
    mark(s2, ana, 'late');
    mark(s3, ana, 'excused');
    mark(s4, ana, 'absent');
    mark(s1, beto, 'left_early');
    const shares = attendanceShare(db, [ana, beto], cohortId, NOW);
    expect(shares.get(ana)).toEqual({ held: 4, excused: 1, attended: 2, share: 2 / 3 });
    expect(shares.get(beto)).toEqual({ held: 4, excused: 0, attended: 1, share: 0.25 });
    expect(meetsAttendanceShare(shares.get(ana), 0.8)).toBe(false);
    expect(meetsAttendanceShare(shares.get(ana), 0.6)).toBe(true);
  });

  test('a person excused from every session held meets it', () => {
    const s1 = session(new Date(NOW.getTime() - 5 * HOUR));
    mark(s1, ana, 'excused');
    expect(attendanceShare(db, [ana], cohortId, NOW).get(ana)?.share).toBeNull();
  });
});

describe('upcomingSessionsFor', () => {
  test('lists sessions of cohorts where the person is actively enrolled, not cancelled, ending after now', () => {
    const running = session(new Date(NOW.getTime() - 30 * 60_000));
    const next = session(new Date(NOW.getTime() + 24 * HOUR));
    session(new Date(NOW.getTime() - 5 * HOUR)); // ended
    session(new Date(NOW.getTime() + 2 * HOUR), { cancelled: true });
    session(new Date(NOW.getTime() + 2 * HOUR), { cohort: otherCohort }); // not their cohort
    const list = upcomingSessionsFor(db, ana, NOW, 5);
    expect(list.map((s) => s.id)).toEqual([running, next]);
    expect(list[0]?.endsAt.getTime()).toBe(NOW.getTime() + 30 * 60_000);
    expect(upcomingSessionsFor(db, ana, NOW, 1)).toHaveLength(1);
  });

  test('a withdrawn person sees none', () => {
    session(new Date(NOW.getTime() + 24 * HOUR));
    withdrawInspector(db, { cohortId, userId: beto, actorId: null, reason: 'Cambio de adscripción' });
    expect(upcomingSessionsFor(db, beto, NOW, 5)).toEqual([]);
  });
});
