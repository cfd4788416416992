import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The self check-in code (issue #13): six digits that change every minute, an HMAC of the
 * session's secret and the minute, so the instructor's page and the server agree without storing
 * codes. The current and the previous minute are accepted (a code read at :59 still works when
 * typed at :05). The window runs from 10 minutes before the start to the end.
 */

export const CHECKIN_OPENS_BEFORE_MINUTES = 10;
/** Checking in later than this after the start records "late", with the minutes still left. */
export const LATE_AFTER_MINUTES = 10;
const MINUTE = 60_000;

/** A new session's secret: 32 random bytes, never sent to learners. */
export function newCheckinSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The code of one minute (minutes since the epoch). */
export function checkinCodeAt(secret: string, minute: number): string {
  const digest = createHmac('sha256', secret).update(`checkin:${minute}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

/** The code to show now, and when it changes. */
export function currentCheckinCode(secret: string, now: Date): { code: string; changesAt: Date } {
  const minute = Math.floor(now.getTime() / MINUTE);
  return { code: checkinCodeAt(secret, minute), changesAt: new Date((minute + 1) * MINUTE) };
}

/** Whether a typed code is this minute's or the previous one's, compared in constant time. */
export function isCheckinCodeValid(secret: string, typed: string, now: Date): boolean {
  const code = typed.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) return false;
  const minute = Math.floor(now.getTime() / MINUTE);
  return [minute, minute - 1].some((m) => timingSafeEqual(Buffer.from(checkinCodeAt(secret, m)), Buffer.from(code)));
}

export interface SessionTimes {
  startsAt: Date;
  durationMinutes: number;
}

export function sessionEndsAt(session: SessionTimes): Date {
  return new Date(session.startsAt.getTime() + session.durationMinutes * MINUTE);
}

/** When self check-in opens and closes for a session. */
export function checkinWindow(session: SessionTimes): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(session.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MINUTE), closesAt: sessionEndsAt(session) };
}

export function isCheckinOpen(session: SessionTimes, now: Date): boolean {
  const { opensAt, closesAt } = checkinWindow(session);
  return now >= opensAt && now < closesAt;
}

/**
 * What a check-in at `now` records: present with the full duration, or late with the whole
 * minutes still left when it comes more than 10 minutes after the start.
 */
export function checkinAttendance(session: SessionTimes, now: Date): { status: 'present' | 'late'; minutes: number } {
  const lateAfter = session.startsAt.getTime() + LATE_AFTER_MINUTES * MINUTE;
  if (now.getTime() <= lateAfter) return { status: 'present', minutes: session.durationMinutes };
  const left = Math.floor((sessionEndsAt(session).getTime() - now.getTime()) / MINUTE);
  return { status: 'late', minutes: Math.max(1, Math.min(session.durationMinutes - 1, left)) };
}
