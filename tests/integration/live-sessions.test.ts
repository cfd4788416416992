import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { attendance, auditLog, hoursLedger, type Role } from '../../db/schema/index.ts';
import { canViewCohort } from '../../src/lib/server/auth/authorize.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { ledgerTotals, listLedgerEntries } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { recordAttendance, sessionRoster } from '../../src/lib/server/sessions/attendance.ts';
import { attendanceExportRows } from '../../src/lib/server/sessions/attendance-export.ts';
import { createCalendarFeed, feedOwner, feedSessionsOf, renderCalendar } from '../../src/lib/server/sessions/calendar-feed.ts';
import { checkIn } from '../../src/lib/server/sessions/check-in.ts';
import { currentCheckinCode } from '../../src/lib/server/sessions/check-in-code.ts';
import { cancelSession, getCheckinSecret, getSession, scheduleSession, updateSession } from '../../src/lib/server/sessions/schedule.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const M1 = '01-fundamentos-inspeccion';
const START = new Date('2026-10-15T16:00:00Z'); // 10:00 in Mexico City
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);

let db: Db;
let coordinator: number;
let instructor: number;
let otherInstructor: number;
let ana: number;
let beto: number;
let outsider: number;
let cohortId: number;
let otherCohort: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, loadHoursPlanFromFiles());
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  ana = insertPerson(db).id;
  beto = insertPerson(db).id;
  outsider = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  otherCohort = insertCohort(db, {
    name: 'G2',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [otherInstructor],
    actorId: null,
  }).id;
  for (const userId of [ana, beto]) enrollInspectorOne(db, { cohortId, userId, actorId: null });
  enrollInspectorOne(db, { cohortId: otherCohort, userId: outsider, actorId: null });
});

const fields = (overrides: Partial<Parameters<typeof scheduleSession>[1]> = {}) => ({
  cohortId,
  moduleSlug: M1,
  title: 'Convenio 81 en la práctica',
  startsAt: START,
  durationMinutes: 120,
  mode: 'virtual' as const,
  location: 'https://meet.example.mx/c81',
  actorId: instructor,
  now: at(-7 * 24 * 60),
  ...overrides,
});

function code(err: unknown): string {
  return err instanceof DomainError ? err.code : String(err);
}

function refused(work: () => unknown): string {
  try {
    work();
  } catch (err) {
    return code(err);
  }
  return 'allowed';
}

const liveNet = (userId: number) => ledgerTotals(db, userId, DEFAULT_PROGRAM_SLUG).byModule.get(M1)?.get('live') ?? 0;
const audits = (action: string) =>
  db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action as never))
    .all();

describe('authorization', () => {
  const actors = () => ({ instructor, otherInstructor, coordinator, learner: ana });

  test('schedules: the cohort’s instructor and coordination may; another instructor and a learner may not', () => {
    const outcome = Object.fromEntries(
      Object.entries(actors()).map(([who, id]) => [who, refused(() => scheduleSession(db, fields({ actorId: id })))]),
    );
    expect(outcome).toEqual({
      instructor: 'allowed',
      otherInstructor: 'error.forbidden',
      coordinator: 'allowed',
      learner: 'error.forbidden',
    });
  });

  test('takes attendance and corrects it: the same matrix', () => {
    const { id } = scheduleSession(db, fields());
    const take = Object.fromEntries(
      Object.entries(actors()).map(([who, actorId]) => [
        who,
        refused(() => recordAttendance(db, { sessionId: id, actorId, marks: [{ userId: ana, status: 'present' }], now: at(130) })),
      ]),
    );
    expect(take).toEqual({ instructor: 'allowed', otherInstructor: 'error.forbidden', coordinator: 'allowed', learner: 'error.forbidden' });
    const correct = Object.fromEntries(
      Object.entries(actors()).map(([who, actorId]) => [
        who,
        refused(() =>
          recordAttendance(db, {
            sessionId: id,
            actorId,
            marks: [{ userId: ana, status: actorId === coordinator ? 'absent' : 'excused' }],
            reason: 'Revisión de la lista',
            now: at(140),
          }),
        ),
      ]),
    );
    expect(correct).toEqual({
      instructor: 'allowed',
      otherInstructor: 'error.forbidden',
      coordinator: 'allowed',
      learner: 'error.forbidden',
    });
  });

  test('an instructor cannot mark someone who is not a learner of the cohort', () => {
    const { id } = scheduleSession(db, fields());
    expect(
      refused(() =>
        recordAttendance(db, { sessionId: id, actorId: instructor, marks: [{ userId: outsider, status: 'present' }], now: at(130) }),
      ),
    ).toBe('error.forbidden');
  });

  test('exports and pages: the cohort’s instructor and coordination see them, another instructor does not', () => {
    const user = (id: number, roles: Role[]) => ({ id, fullName: 'x', email: 'x@x.mx', roles });
    expect(canViewCohort(db, user(instructor, ['instructor']), cohortId)).toBe(true);
    expect(canViewCohort(db, user(coordinator, ['coordinator']), cohortId)).toBe(true);
    expect(canViewCohort(db, user(otherInstructor, ['instructor']), cohortId)).toBe(false);
    expect(canViewCohort(db, user(ana, ['inspector']), cohortId)).toBe(false);
  });

  test('a module outside the program is refused, and the change is audited', () => {
    expect(refused(() => scheduleSession(db, fields({ moduleSlug: '99-inventado' })))).toBe('sessions.module.unknown');
    const { id } = scheduleSession(db, fields());
    updateSession(db, { ...fields({ title: 'Convenio 81, segunda parte' }), id });
    expect(getSession(db, id)?.title).toBe('Convenio 81, segunda parte');
    expect(audits('session.scheduled')).toHaveLength(1);
    expect(audits('session.updated')).toHaveLength(1);
  });
});

describe('attendance and the ledger', () => {
  test('credits minutes attended in proportion, in one go, audited once with the count', () => {
    const { id } = scheduleSession(db, fields());
    expect(refused(() => recordAttendance(db, { sessionId: id, actorId: instructor, marks: [], now: at(-1) }))).toBe(
      'sessions.attendance.notYet',
    );
    const result = recordAttendance(db, {
      sessionId: id,
      actorId: instructor,
      marks: [
        { userId: ana, status: 'present' },
        { userId: beto, status: 'late', minutes: 75, note: 'Problemas de conexión' },
      ],
      now: at(125),
    });
    expect(result).toEqual({ recorded: 2, corrected: 0 });
    expect(liveNet(ana)).toBe(120);
    expect(liveNet(beto)).toBe(75);
    const recorded = audits('attendance.recorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.cohortId).toBe(cohortId);
    expect(JSON.parse(recorded[0]?.details ?? '{}')).toMatchObject({ title: 'Convenio 81 en la práctica', module: M1, count: 2 });
    // Saving the same form again changes nothing.
    expect(recordAttendance(db, { sessionId: id, actorId: instructor, marks: [{ userId: ana, status: 'present' }], now: at(126) })).toEqual(
      { recorded: 0, corrected: 0 },
    );
    expect(db.select().from(hoursLedger).all()).toHaveLength(2);
  });

  test('late or left early needs the minutes', () => {
    const { id } = scheduleSession(db, fields());
    expect(
      refused(() =>
        recordAttendance(db, { sessionId: id, actorId: instructor, marks: [{ userId: ana, status: 'left_early' }], now: at(125) }),
      ),
    ).toBe('sessions.attendance.minutesRange');
    expect(db.select().from(attendance).all()).toHaveLength(0);
  });

  test('a later change needs a reason, writes a ledger correction and is audited', () => {
    const { id } = scheduleSession(db, fields());
    recordAttendance(db, {
      sessionId: id,
      actorId: instructor,
      marks: [
        { userId: ana, status: 'present' },
        { userId: beto, status: 'absent' },
      ],
      now: at(125),
    });
    expect(
      refused(() =>
        recordAttendance(db, {
          sessionId: id,
          actorId: instructor,
          marks: [{ userId: ana, status: 'left_early', minutes: 40 }],
          now: at(200),
        }),
      ),
    ).toBe('sessions.attendance.reasonRequired');
    const result = recordAttendance(db, {
      sessionId: id,
      actorId: instructor,
      marks: [
        { userId: ana, status: 'left_early', minutes: 40 },
        { userId: beto, status: 'present' },
      ],
      reason: 'La grabación muestra que salió a los 40 minutos',
      now: at(200),
    });
    expect(result).toEqual({ recorded: 0, corrected: 2 });
    expect(liveNet(ana)).toBe(40);
    expect(liveNet(beto)).toBe(120);
    const anaEntries = listLedgerEntries(db, ana, DEFAULT_PROGRAM_SLUG).filter((e) => e.ref === `session:${id}`);
    expect(anaEntries.map((e) => e.minutes)).toEqual([120, -80]);
    expect(anaEntries[1]?.reason).toBe('La grabación muestra que salió a los 40 minutos');
    const corrected = audits('attendance.corrected');
    expect(corrected).toHaveLength(2);
    const anaAudit = corrected.find((a) => a.subjectUserId === ana);
    expect(anaAudit?.reason).toBe('La grabación muestra que salió a los 40 minutos');
    expect(JSON.parse(anaAudit?.details ?? '{}')).toMatchObject({ from: 'present', to: 'left_early', minutes: 40 });
    expect(sessionRoster(db, getSession(db, id)!).find((r) => r.userId === ana)).toMatchObject({
      status: 'left_early',
      minutesAttended: 40,
      creditedMinutes: 40,
    });
  });

  test('once attendance is taken, timing stays and the session cannot be cancelled', () => {
    const { id } = scheduleSession(db, fields());
    recordAttendance(db, { sessionId: id, actorId: instructor, marks: [{ userId: ana, status: 'present' }], now: at(125) });
    expect(refused(() => updateSession(db, { ...fields({ durationMinutes: 90 }), id }))).toBe('sessions.lockedByAttendance');
    expect(refused(() => cancelSession(db, { id, actorId: instructor, reason: 'Se suspendió' }))).toBe('sessions.cancelAfterAttendance');
  });

  test('the export lists every person of a held session with minutes and hours, and skips future and cancelled ones', () => {
    const { id } = scheduleSession(db, fields());
    const future = scheduleSession(db, fields({ startsAt: at(7 * 24 * 60) }));
    const cancelled = scheduleSession(db, fields({ startsAt: at(-24 * 60) }));
    cancelSession(db, { id: cancelled.id, actorId: coordinator, reason: 'Día inhábil' });
    recordAttendance(db, { sessionId: id, actorId: instructor, marks: [{ userId: ana, status: 'late', minutes: 90 }], now: at(125) });
    const rows = attendanceExportRows(db, cohortId, new Map([[M1, 'Módulo 1']]), at(300));
    expect(rows[0]).toEqual(['Sesión', 'Módulo', 'Fecha', 'Inicio', 'Fin', 'Persona', 'Asistencia', 'Minutos', 'Horas acreditadas']);
    expect(rows).toHaveLength(3); // header, Ana, Beto (not recorded)
    const anaRow = rows.find((r) => r[6] === 'Llegó tarde');
    expect(anaRow?.slice(0, 5)).toEqual(['Convenio 81 en la práctica', 'Módulo 1', '2026-10-15', '10:00', '12:00']);
    expect(anaRow?.slice(7)).toEqual([90, 1.5]);
    expect(rows.some((r) => r[6] === 'Sin registrar')).toBe(true);
    expect(future.id).toBeGreaterThan(0);
  });
});

describe('self check-in', () => {
  const codeAt = (sessionId: number, now: Date) => currentCheckinCode(getCheckinSecret(db, sessionId) ?? '', now).code;

  test('is refused outside the window and with a wrong code, and throttled after five wrong codes', () => {
    const { id } = scheduleSession(db, fields());
    expect(refused(() => checkIn(db, { sessionId: id, userId: ana, code: codeAt(id, at(-11)), address: '1.1.1.1', now: at(-11) }))).toBe(
      'sessions.checkin.notYet',
    );
    expect(refused(() => checkIn(db, { sessionId: id, userId: ana, code: codeAt(id, at(121)), address: '1.1.1.1', now: at(121) }))).toBe(
      'sessions.checkin.closed',
    );
    const right = codeAt(id, at(5));
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(refused(() => checkIn(db, { sessionId: id, userId: ana, code: wrong, address: '1.1.1.1', now: at(5) }))).toBe(
        'sessions.checkin.wrongCode',
      );
    }
    expect(refused(() => checkIn(db, { sessionId: id, userId: ana, code: right, address: '1.1.1.1', now: at(5) }))).toBe(
      'sessions.checkin.throttled',
    );
    expect(liveNet(ana)).toBe(0);
    // Another person is not locked out by Ana's mistakes.
    expect(checkIn(db, { sessionId: id, userId: beto, code: right, address: '2.2.2.2', now: at(5) })).toMatchObject({
      status: 'present',
      minutes: 120,
    });
  });

  test('marks present, or late with the minutes left, credits the hours, and never overrides a record', () => {
    const { id } = scheduleSession(db, fields());
    expect(checkIn(db, { sessionId: id, userId: ana, code: codeAt(id, at(2)), address: 'a', now: at(2) })).toEqual({
      status: 'present',
      minutes: 120,
      recordedNow: true,
    });
    // The previous minute's code still works.
    expect(checkIn(db, { sessionId: id, userId: beto, code: codeAt(id, at(29)), address: 'a', now: at(30) })).toEqual({
      status: 'late',
      minutes: 90,
      recordedNow: true,
    });
    expect(liveNet(ana)).toBe(120);
    expect(liveNet(beto)).toBe(90);
    expect(checkIn(db, { sessionId: id, userId: ana, code: codeAt(id, at(40)), address: 'a', now: at(40) })).toMatchObject({
      recordedNow: false,
    });
    expect(
      db
        .select()
        .from(attendance)
        .where(and(eq(attendance.sessionId, id), eq(attendance.via, 'check_in')))
        .all(),
    ).toHaveLength(2);
  });

  test('a person of another cohort cannot check in', () => {
    const { id } = scheduleSession(db, fields());
    expect(refused(() => checkIn(db, { sessionId: id, userId: outsider, code: codeAt(id, at(2)), address: 'a', now: at(2) }))).toBe(
      'error.forbidden',
    );
  });
});

describe('calendar feed', () => {
  test('parses as iCalendar with Mexico City times, lists only the person’s cohorts, cancelled ones as CANCELLED', () => {
    scheduleSession(db, fields());
    const cancelled = scheduleSession(
      db,
      fields({ title: 'Sesión suspendida', startsAt: at(24 * 60), mode: 'in_person', location: 'Sala 3, Toluca' }),
    );
    cancelSession(db, { id: cancelled.id, actorId: instructor, reason: 'Día inhábil' });
    scheduleSession(db, fields({ cohortId: otherCohort, title: 'De otra generación', actorId: otherInstructor }));
    const token = createCalendarFeed(db, ana);
    const owner = feedOwner(db, token);
    expect(owner?.userId).toBe(ana);
    const text = renderCalendar(feedSessionsOf(db, ana));
    expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text.match(/END:VEVENT/g)).toHaveLength(2);
    expect(text).toContain('DTSTART;TZID=America/Mexico_City:20261015T100000');
    expect(text).toContain('DTEND;TZID=America/Mexico_City:20261015T120000');
    expect(text).toContain('BEGIN:VTIMEZONE');
    expect(text).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(text).toContain('STATUS:CANCELLED');
    expect(text).not.toContain('De otra generación');
    // The instructor's feed lists the cohorts they teach.
    expect(feedSessionsOf(db, instructor)).toHaveLength(2);
    expect(feedSessionsOf(db, otherInstructor).map((s) => s.title)).toEqual(['De otra generación']);
  });

  test('requires its token: a wrong or replaced token finds nobody, and only the hash is stored', () => {
    const first = createCalendarFeed(db, ana);
    expect(feedOwner(db, 'x'.repeat(43))).toBeNull();
    const second = createCalendarFeed(db, ana);
    expect(feedOwner(db, first)).toBeNull();
    expect(feedOwner(db, second)?.userId).toBe(ana);
    const stored = db.$client.prepare('select token_hash from calendar_feeds').all() as { token_hash: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(second);
  });
});
