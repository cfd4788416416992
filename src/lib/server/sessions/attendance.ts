import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { type AttendanceStatus, attendance, enrollments, hoursLedger, users } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import { isStaff } from '../cohorts/teaching.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { enrollmentForCredit, setCredit } from '../hours/ledger.ts';
import { jsonList } from '../json-list.ts';
import { type LiveSession, requireManagedSession } from './schedule.ts';

/**
 * Attendance at a live session and the hours it credits (issue #13): hours are the minutes
 * attended, through the ledger (`setCredit` on reference `session:<id>`), so a later change is a
 * new ledger entry with its reason, never an edit. The attendance row itself says the current
 * status; the ledger and the audit log keep the history.
 */

/** The ledger reference of a session. */
export function sessionRef(sessionId: number): string {
  return `session:${sessionId}`;
}

/**
 * The minutes a status is worth: present, the whole session; late or left early, the minutes
 * given (at least 1 and less than the whole); absent or excused, none. Null when the minutes
 * given do not fit.
 */
export function creditedMinutes(status: AttendanceStatus, minutes: number | null | undefined, durationMinutes: number): number | null {
  if (status === 'present') return durationMinutes;
  if (status === 'absent' || status === 'excused') return 0;
  if (minutes == null || !Number.isInteger(minutes) || minutes < 1 || minutes >= durationMinutes) return null;
  return minutes;
}

export interface RosterRow {
  userId: number;
  fullName: string;
  /** Null when nothing is recorded yet. */
  status: AttendanceStatus | null;
  minutesAttended: number | null;
  via: 'instructor' | 'check_in' | null;
  note: string | null;
  /** Net minutes the ledger holds for this session. */
  creditedMinutes: number;
  active: boolean;
}

const collator = new Intl.Collator('es-MX', { sensitivity: 'base' });

/** Everyone on the session's attendance form: the cohort's active learners, and anyone already recorded. */
export function sessionRoster(db: Executor, session: Pick<LiveSession, 'id' | 'cohortId' | 'programSlug'>): RosterRow[] {
  const rows = db
    .select({
      userId: users.id,
      fullName: users.fullName,
      status: attendance.status,
      minutesAttended: attendance.minutesAttended,
      via: attendance.via,
      note: attendance.note,
      active: sql<number>`${enrollments.status} = 'active'`,
    })
    .from(users)
    .leftJoin(enrollments, and(eq(enrollments.userId, users.id), eq(enrollments.cohortId, session.cohortId)))
    .leftJoin(attendance, and(eq(attendance.userId, users.id), eq(attendance.sessionId, session.id)))
    .where(
      or(
        inArray(
          users.id,
          db
            .select({ id: enrollments.userId })
            .from(enrollments)
            .where(and(eq(enrollments.cohortId, session.cohortId), eq(enrollments.status, 'active'))),
        ),
        inArray(users.id, db.select({ id: attendance.userId }).from(attendance).where(eq(attendance.sessionId, session.id))),
      ),
    )
    .all();
  const credited = new Map(
    db
      .select({ userId: hoursLedger.userId, minutes: sql<number>`sum(${hoursLedger.minutes})` })
      .from(hoursLedger)
      .where(
        and(
          inArray(hoursLedger.userId, jsonList(rows.map((r) => r.userId))),
          eq(hoursLedger.programSlug, session.programSlug),
          eq(hoursLedger.source, 'live_session'),
          eq(hoursLedger.ref, sessionRef(session.id)),
        ),
      )
      .groupBy(hoursLedger.userId)
      .all()
      .map((r) => [r.userId, r.minutes]),
  );
  return rows
    .map((r) => ({ ...r, active: Boolean(r.active), creditedMinutes: credited.get(r.userId) ?? 0 }))
    .sort((a, b) => collator.compare(a.fullName, b.fullName) || a.userId - b.userId);
}

export interface AttendanceMark {
  userId: number;
  status: AttendanceStatus;
  /** For late or left early: the minutes attended. */
  minutes?: number | null;
  note?: string | null;
}

/**
 * Records the attendance form of a session in one transaction: new records credit their minutes
 * and are audited once (`attendance.recorded`, with how many); a change to someone already
 * recorded is a correction, which needs `reason` and writes `attendance.corrected` and a ledger
 * correction. Marks equal to what is stored change nothing. The session must have started.
 */
export function recordAttendance(
  db: Db,
  input: { sessionId: number; actorId: number; marks: readonly AttendanceMark[]; reason?: string | null; now?: Date },
): { recorded: number; corrected: number } {
  const now = input.now ?? new Date();
  return db.transaction(
    (tx) => {
      const session = requireManagedSession(tx, input.sessionId, input.actorId);
      if (now < session.startsAt) throw new DomainError('sessions.attendance.notYet', {}, 'conflict');
      const staff = isStaff(tx, input.actorId);
      const roster = new Map(sessionRoster(tx, session).map((r) => [r.userId, r]));
      let recorded = 0;
      let corrected = 0;
      for (const mark of input.marks) {
        const person = roster.get(mark.userId);
        // Instructors act on learners actively enrolled in the cohort (decision 010); coordination also on past records.
        if (!person || (!person.active && !staff)) throw new DomainError('error.forbidden', {}, 'forbidden');
        const minutes = creditedMinutes(mark.status, mark.minutes, session.durationMinutes);
        if (minutes === null) {
          throw new DomainError('sessions.attendance.minutesRange', { name: person.fullName, max: session.durationMinutes - 1 }, 'invalid');
        }
        const note = mark.note?.trim() || null;
        const changed = person.status !== mark.status || person.minutesAttended !== minutes;
        if (person.status !== null && !changed && person.note === note) continue;
        if (person.status !== null && changed && !input.reason?.trim()) {
          throw new DomainError('sessions.attendance.reasonRequired', { name: person.fullName }, 'invalid');
        }
        const row = {
          status: mark.status,
          minutesAttended: minutes,
          via: 'instructor' as const,
          recordedBy: input.actorId,
          recordedAt: now,
          note,
        };
        tx.insert(attendance)
          .values({ sessionId: session.id, userId: mark.userId, ...row })
          .onConflictDoUpdate({ target: [attendance.sessionId, attendance.userId], set: row })
          .run();
        if (person.status === null) recorded++;
        else if (changed) {
          corrected++;
          appendAuditEntry(tx, {
            actorId: input.actorId,
            action: 'attendance.corrected',
            subjectUserId: mark.userId,
            cohortId: session.cohortId,
            reason: input.reason,
            details: { sessionId: session.id, title: session.title, from: person.status, to: mark.status, minutes },
            at: now,
          });
        }
        if (changed) credit(tx, session, mark.userId, minutes, input.actorId, now, person.status === null ? null : (input.reason ?? null));
      }
      if (recorded > 0) {
        appendAuditEntry(tx, {
          actorId: input.actorId,
          action: 'attendance.recorded',
          cohortId: session.cohortId,
          details: { sessionId: session.id, title: session.title, module: session.moduleSlug, count: recorded },
          at: now,
        });
      }
      return { recorded, corrected };
    },
    { behavior: 'immediate' },
  );
}

/** Brings the ledger's credit for this person and session to `minutes` (clipped to the module's live budget). */
export function credit(
  tx: Executor,
  session: Pick<LiveSession, 'id' | 'cohortId' | 'programSlug' | 'moduleSlug' | 'durationMinutes'>,
  userId: number,
  minutes: number,
  recordedBy: number,
  at: Date,
  reason: string | null,
): void {
  const enrollmentId = enrollmentForCredit(tx, userId, session.programSlug, session.cohortId);
  if (enrollmentId === null) return;
  setCredit(tx, {
    userId,
    programSlug: session.programSlug,
    moduleSlug: session.moduleSlug,
    source: 'live_session',
    budget: 'live',
    ref: sessionRef(session.id),
    refMinutes: session.durationMinutes,
    enrollmentId,
    recordedBy,
    at,
    targetMinutes: minutes,
    reason,
  });
}

export interface OwnAttendance {
  status: AttendanceStatus;
  minutesAttended: number;
  via: 'instructor' | 'check_in';
}

/** One person's attendance at sessions, by session id (the learner's own pages). */
export function attendanceOf(db: Executor, userId: number, sessionIds: readonly number[]): Map<number, OwnAttendance> {
  if (sessionIds.length === 0) return new Map();
  const rows = db
    .select({
      sessionId: attendance.sessionId,
      status: attendance.status,
      minutesAttended: attendance.minutesAttended,
      via: attendance.via,
    })
    .from(attendance)
    .where(and(eq(attendance.userId, userId), inArray(attendance.sessionId, [...sessionIds])))
    .all();
  return new Map(rows.map(({ sessionId, ...rest }) => [sessionId, rest]));
}

/** Net minutes the ledger holds for a person at a session. */
export function sessionCreditOf(db: Executor, userId: number, session: Pick<LiveSession, 'id' | 'programSlug'>): number {
  return (
    db
      .select({ net: sql<number>`coalesce(sum(${hoursLedger.minutes}), 0)` })
      .from(hoursLedger)
      .where(
        and(
          eq(hoursLedger.userId, userId),
          eq(hoursLedger.programSlug, session.programSlug),
          eq(hoursLedger.source, 'live_session'),
          eq(hoursLedger.ref, sessionRef(session.id)),
        ),
      )
      .get()?.net ?? 0
  );
}
