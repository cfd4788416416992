import { and, eq } from 'drizzle-orm';
import { attendance, enrollments, liveSessions } from '../../../../db/schema/index.ts';
import { getLockedUntil, recordAttempt } from '../auth/throttle.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { formatTime } from '../../format.ts';
import { credit } from './attendance.ts';
import { checkinAttendance, checkinWindow, isCheckinCodeValid } from './check-in-code.ts';
import { getSession } from './schedule.ts';

/**
 * Wrong codes, counted per person and per address in `sign_in_throttles` (so every server process
 * sees them): a million codes cannot be tried five at a time. Keys start with `checkin:`.
 */
export const CHECKIN_THROTTLE_RULES = {
  account: { maxFailures: 5, windowMs: 10 * 60_000, lockMs: 5 * 60_000 },
  address: { maxFailures: 50, windowMs: 10 * 60_000, lockMs: 5 * 60_000 },
} as const;

export function checkinThrottleKeys(userId: number, address: string): { account: string; address: string } {
  return { account: `checkin:user:${userId}`, address: `checkin:address:${address}` };
}

export interface CheckinResult {
  status: 'present' | 'late' | 'left_early' | 'absent' | 'excused';
  minutes: number;
  /** False when attendance was already recorded: a check-in never changes it. */
  recordedNow: boolean;
}

/**
 * A learner checks in to a session with the code on the instructor's screen. Only a learner
 * actively enrolled in the session's cohort, only while the window is open (10 minutes before
 * the start to the end), only with this minute's or the last minute's code. Records present,
 * or late with the minutes left after the first 10, and credits them in the ledger, in one
 * transaction. Attendance already recorded (by the instructor or an earlier check-in) stands.
 */
export function checkIn(db: Db, input: { sessionId: number; userId: number; code: string; address: string; now?: Date }): CheckinResult {
  const now = input.now ?? new Date();
  const session = getSession(db, input.sessionId);
  if (!session) throw new DomainError('sessions.notFound', {}, 'not-found');
  const enrolled = db
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(and(eq(enrollments.cohortId, session.cohortId), eq(enrollments.userId, input.userId), eq(enrollments.status, 'active')))
    .get();
  if (!enrolled) throw new DomainError('error.forbidden', {}, 'forbidden');
  if (session.cancelledAt) throw new DomainError('sessions.cancelled', {}, 'conflict');
  const keys = checkinThrottleKeys(input.userId, input.address);
  const lockedUntil = getLockedUntil(db, keys, now);
  if (lockedUntil) throw new DomainError('sessions.checkin.throttled', { time: formatTime(lockedUntil) }, 'too-many-requests');
  const { opensAt, closesAt } = checkinWindow(session);
  if (now < opensAt) throw new DomainError('sessions.checkin.notYet', { time: formatTime(opensAt) }, 'conflict');
  if (now >= closesAt) throw new DomainError('sessions.checkin.closed', {}, 'conflict');
  const secret =
    db.select({ secret: liveSessions.checkinSecret }).from(liveSessions).where(eq(liveSessions.id, session.id)).get()?.secret ?? '';
  if (!isCheckinCodeValid(secret, input.code, now)) {
    recordAttempt(db, keys, CHECKIN_THROTTLE_RULES, now);
    throw new DomainError('sessions.checkin.wrongCode', {}, 'invalid');
  }
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ status: attendance.status, minutes: attendance.minutesAttended })
        .from(attendance)
        .where(and(eq(attendance.sessionId, session.id), eq(attendance.userId, input.userId)))
        .get();
      if (existing) return { ...existing, recordedNow: false };
      const { status, minutes } = checkinAttendance(session, now);
      tx.insert(attendance)
        .values({
          sessionId: session.id,
          userId: input.userId,
          status,
          minutesAttended: minutes,
          via: 'check_in',
          recordedBy: input.userId,
          recordedAt: now,
        })
        .run();
      credit(tx, session, input.userId, minutes, input.userId, now, null);
      return { status, minutes, recordedNow: true };
    },
    { behavior: 'immediate' },
  );
}
