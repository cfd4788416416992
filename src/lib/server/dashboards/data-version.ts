import { sql } from 'drizzle-orm';
import {
  attendance,
  cohorts,
  enrollments,
  hoursLedger,
  learnerClocks,
  lessonProgress,
  liveSessions,
  quizAttempts,
  users,
} from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';

const HOUR_MS = 3_600_000;

/**
 * A string that changes whenever anything a cohort's dashboard shows may have changed: any new
 * ledger entry, lesson opened or quiz attempt (the largest ids: a rowid lookup each); the
 * cohort's dates, enrollments (joins, withdrawals, re-enrollments), its learners' profiles
 * (state, office, gender), study clocks (heartbeats), live sessions (scheduled, moved,
 * cancelled, ended) and attendance; and the hour, since statuses move with the calendar. One
 * statement, reading only the cohort's rows through their indexes.
 */
export function cohortDataVersion(db: Executor, cohortId: number, now: Date): string {
  const at = now.getTime();
  const row = db.get<Record<string, number | string | null>>(sql`select
    (select max(${hoursLedger.id}) from ${hoursLedger}) as ledger,
    (select max(${lessonProgress.id}) from ${lessonProgress}) as lessons,
    (select max(${quizAttempts.id}) from ${quizAttempts}) as attempts,
    (select ${cohorts.startsOn} || ${cohorts.endsOn} from ${cohorts} where ${cohorts.id} = ${cohortId}) as dates,
    (select count(*) || ':' || max(${enrollments.id}) || ':' || sum(${enrollments.status} = 'active') || ':' ||
        coalesce(max(${enrollments.enrolledAt}), 0) || ':' || coalesce(max(${enrollments.withdrawnAt}), 0) || ':' ||
        coalesce(max(${users.updatedAt}), 0) || ':' || coalesce(max(${learnerClocks.creditedUntil}), 0)
      from ${enrollments}
      join ${users} on ${users.id} = ${enrollments.userId}
      left join ${learnerClocks} on ${learnerClocks.userId} = ${enrollments.userId}
      where ${enrollments.cohortId} = ${cohortId}) as people,
    (select count(*) || ':' || coalesce(max(${liveSessions.id}), 0) || ':' || coalesce(sum(${liveSessions.startsAt}), 0) || ':' ||
        coalesce(max(${liveSessions.cancelledAt}), 0) || ':' ||
        coalesce(sum(${liveSessions.startsAt} + ${liveSessions.durationMinutes} * 60000 <= ${at}), 0)
      from ${liveSessions} where ${liveSessions.cohortId} = ${cohortId}) as sessions,
    (select count(*) || ':' || coalesce(max(${attendance.recordedAt}), 0)
      from ${attendance} join ${liveSessions} on ${liveSessions.id} = ${attendance.sessionId}
      where ${liveSessions.cohortId} = ${cohortId}) as attendance`);
  return `${Math.floor(at / HOUR_MS)}|${Object.values(row ?? {}).join('|')}`;
}

/**
 * The program-wide view's version: any ledger entry, enrollment change, cohort, or change to a
 * person's profile (state, office, gender). The people count and latest update read every
 * person once (about 660 inspectors nationwide; 5,000 in the bench).
 */
export function programDataVersion(db: Executor): string {
  const row = db.get<Record<string, number | string | null>>(sql`select
    (select max(${hoursLedger.id}) from ${hoursLedger}) as ledger,
    (select count(*) || ':' || max(${enrollments.id}) || ':' || coalesce(max(${enrollments.enrolledAt}), 0) || ':' ||
        coalesce(max(${enrollments.withdrawnAt}), 0) from ${enrollments}) as enrollments,
    (select count(*) || ':' || max(${cohorts.id}) from ${cohorts}) as cohorts,
    (select count(*) || ':' || max(${users.updatedAt}) from ${users}) as people`);
  return Object.values(row ?? {}).join('|');
}
