import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { attendance, cohorts, enrollments, liveSessions } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import { jsonListPlaceholder } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';

/** A session's end as SQL: its start plus its duration, in epoch milliseconds like `starts_at`. */
const sessionEnd = sql`(${liveSessions.startsAt} + ${liveSessions.durationMinutes} * 60000)`;

/** Statuses that count as attending (hours were credited for part or all of the session). */
const ATTENDED = ['present', 'late', 'left_early'] as const;

export interface AttendanceShare {
  /** Sessions of the cohort that ended by `now`, not cancelled. */
  held: number;
  /** Of those, the ones where this person's absence was excused: left out of the count. */
  excused: number;
  /** Of those, the ones attended (present, late or left early). */
  attended: number;
  /** attended ÷ (held − excused), or null when nothing counts: a null share meets any requirement. */
  share: number | null;
}

/**
 * Each person's share of the cohort's live sessions attended (issue #13, `certificate.attendanceShare`
 * in program.yaml). Counts the sessions held so far (ended by `now`, not cancelled), leaving out the
 * person's excused absences; a session with no attendance recorded for the person counts as missed.
 * A cohort with no sessions held, or a person excused from all of them, gets `share: null`, which
 * meets the requirement (see `meetsAttendanceShare`). One query for any number of people.
 *
 * @example attendanceShare(db, [learnerId], cohortId, new Date()).get(learnerId)?.share // 0.75
 */
export function attendanceShare(db: Executor, userIds: readonly number[], cohortId: number, now: Date): Map<number, AttendanceShare> {
  const held = heldQuery(db).get({ cohortId, now: now.getTime() })?.n ?? 0;
  const result = new Map<number, AttendanceShare>();
  for (const id of userIds) result.set(id, { held, excused: 0, attended: 0, share: held === 0 ? null : 0 });
  if (held === 0 || userIds.length === 0) return result;
  const rows = attendedQuery(db).all({ cohortId, now: now.getTime(), userIds: JSON.stringify(userIds) });
  for (const row of rows) {
    const counted = held - row.excused;
    result.set(row.userId, { held, excused: row.excused, attended: row.attended, share: counted === 0 ? null : row.attended / counted });
  }
  return result;
}

// Asked by the learner's home and every standing: prepared once per connection.
const heldQuery = preparedOnce((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(liveSessions)
    .where(
      and(
        eq(liveSessions.cohortId, sql.placeholder('cohortId')),
        isNull(liveSessions.cancelledAt),
        lte(sessionEnd, sql.placeholder('now')),
      ),
    )
    .prepare(),
);

/** The people's attended and excused sessions; `userIds` is a JSON list (json-list.ts). */
const attendedQuery = preparedOnce((db) =>
  db
    .select({
      userId: attendance.userId,
      excused: sql<number>`sum(${attendance.status} = 'excused')`,
      attended: sql<number>`sum(${inArray(attendance.status, [...ATTENDED])})`,
    })
    .from(attendance)
    .innerJoin(liveSessions, eq(liveSessions.id, attendance.sessionId))
    .where(
      and(
        eq(liveSessions.cohortId, sql.placeholder('cohortId')),
        isNull(liveSessions.cancelledAt),
        lte(sessionEnd, sql.placeholder('now')),
        inArray(attendance.userId, jsonListPlaceholder('userIds')),
      ),
    )
    .groupBy(attendance.userId)
    .prepare(),
);

/** Whether a share meets the program's minimum (0.8 in program.yaml); null (nothing held) meets it. */
export function meetsAttendanceShare(share: AttendanceShare | undefined, required: number): boolean {
  return share?.share == null || share.share >= required;
}

export interface UpcomingSession {
  id: number;
  cohortId: number;
  cohortName: string;
  moduleSlug: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  mode: 'virtual' | 'in_person';
  /** The link (virtual) or the place (in person). */
  location: string;
}

/**
 * The next live sessions of the cohorts where the person is actively enrolled, soonest first:
 * not cancelled and ending after `now` (a session running now is included). For the learner home.
 */
export function upcomingSessionsFor(db: Executor, userId: number, now: Date, limit = 3): UpcomingSession[] {
  const rows = upcomingQuery(db).all({ userId, now: now.getTime(), limit });
  return rows.map((r) => ({ ...r, endsAt: new Date(r.startsAt.getTime() + r.durationMinutes * 60_000) }));
}

/** On the learner's home at every view: prepared once per connection. */
const upcomingQuery = preparedOnce((db) =>
  db
    .select({
      id: liveSessions.id,
      cohortId: liveSessions.cohortId,
      cohortName: cohorts.name,
      moduleSlug: liveSessions.moduleSlug,
      title: liveSessions.title,
      startsAt: liveSessions.startsAt,
      durationMinutes: liveSessions.durationMinutes,
      mode: liveSessions.mode,
      location: liveSessions.location,
    })
    .from(liveSessions)
    .innerJoin(cohorts, eq(cohorts.id, liveSessions.cohortId))
    .innerJoin(
      enrollments,
      and(
        eq(enrollments.cohortId, liveSessions.cohortId),
        eq(enrollments.userId, sql.placeholder('userId')),
        eq(enrollments.status, 'active'),
      ),
    )
    .where(and(isNull(liveSessions.cancelledAt), gt(sessionEnd, sql.placeholder('now'))))
    .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);
