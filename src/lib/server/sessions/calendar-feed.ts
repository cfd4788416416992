import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import { calendarFeeds, cohortInstructors, cohorts, enrollments, liveSessions, userRoles, users } from '../../../../db/schema/index.ts';
import { TIME_ZONE, t } from '../../../i18n/index.ts';
import { mexicoWallClock } from '../../mexico-time.ts';
import type { Db, Executor } from '../db.ts';
import { sessionEndsAt } from './check-in-code.ts';

/**
 * A person's private calendar feed (issue #13): `/calendario/<token>.ics`, which Google Calendar
 * and Outlook poll without signing in. Only the token's SHA-256 is stored (like session tokens,
 * decision 001); making a new one replaces the old, which stops working at once.
 */

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates (or replaces) the person's feed and returns its token, shown once. */
export function createCalendarFeed(db: Db, userId: number, now = new Date()): string {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  db.insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt: now } })
    .run();
  return token;
}

/** When the person's current feed was made, or null when they have none. */
export function getCalendarFeedDate(db: Executor, userId: number): Date | null {
  return (
    db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId)).get()?.createdAt ?? null
  );
}

export interface FeedSession {
  id: number;
  cohortName: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  mode: 'virtual' | 'in_person';
  location: string;
  cancelledAt: Date | null;
}

/**
 * The sessions a person's feed lists: those of the cohorts where they are actively enrolled and
 * of those they teach while holding the instructor role. Nothing of any other cohort.
 */
export function feedSessionsOf(db: Executor, userId: number): FeedSession[] {
  const learning = db
    .select({ id: enrollments.cohortId })
    .from(enrollments)
    .where(and(eq(enrollments.userId, userId), eq(enrollments.status, 'active')));
  const teaching = db
    .select({ id: cohortInstructors.cohortId })
    .from(cohortInstructors)
    .innerJoin(userRoles, and(eq(userRoles.userId, cohortInstructors.userId), eq(userRoles.role, 'instructor')))
    .where(eq(cohortInstructors.userId, userId));
  return db
    .select({
      id: liveSessions.id,
      cohortName: cohorts.name,
      title: liveSessions.title,
      startsAt: liveSessions.startsAt,
      durationMinutes: liveSessions.durationMinutes,
      mode: liveSessions.mode,
      location: liveSessions.location,
      cancelledAt: liveSessions.cancelledAt,
    })
    .from(liveSessions)
    .innerJoin(cohorts, eq(cohorts.id, liveSessions.cohortId))
    .where(or(inArray(liveSessions.cohortId, learning), inArray(liveSessions.cohortId, teaching)))
    .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id))
    .all();
}

/** The feed's owner for a token, or null (an unknown or replaced token). */
export function feedOwner(db: Executor, token: string): { userId: number; fullName: string } | null {
  if (!/^[\w-]{20,100}$/.test(token)) return null;
  return (
    db
      .select({ userId: users.id, fullName: users.fullName })
      .from(calendarFeeds)
      .innerJoin(users, eq(users.id, calendarFeeds.userId))
      .where(eq(calendarFeeds.tokenHash, hashToken(token)))
      .get() ?? null
  );
}

/**
 * Mexico City without daylight saving time (since October 2022): the VTIMEZONE that RFC 5545
 * asks for next to every TZID, so clients need no zone database of their own.
 */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:-0600',
  'TZOFFSETTO:-0600',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/**
 * The feed as iCalendar text. Times carry `TZID=America/Mexico_City`: ical-generator writes a
 * native Date's UTC digits as the zone's wall time, so each instant goes in as its Mexico City
 * wall clock. The zone is set per event, not on the calendar, so DTSTAMP stays in UTC (with Z).
 */
export function renderCalendar(sessions: readonly FeedSession[], now = new Date()): string {
  const calendar = ical({ name: t('sessions.calendar.name'), prodId: { company: 'Aula', product: 'sesiones', language: 'ES' } });
  for (const s of sessions) {
    const where = s.mode === 'virtual' ? t('sessions.mode.virtual') : s.location;
    calendar.createEvent({
      id: `sesion-${s.id}@aula`,
      start: mexicoWallClock(s.startsAt),
      end: mexicoWallClock(sessionEndsAt(s)),
      timezone: TIME_ZONE,
      stamp: now,
      summary: `${s.title} · ${s.cohortName}`,
      location: where,
      url: s.mode === 'virtual' ? s.location : null,
      description:
        s.mode === 'virtual' ? t('sessions.calendar.virtual', { url: s.location }) : t('sessions.calendar.inPerson', { place: s.location }),
      status: s.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  const text = calendar.toString();
  return sessions.length > 0 ? text.replace('BEGIN:VEVENT', `${VTIMEZONE}\r\nBEGIN:VEVENT`) : text;
}
