import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

// Tables and columns are spelled out, qualified, in these raw statements: a schema column inside a
// raw subquery can lose its table name (tests/unit/sql-subqueries.test.ts).

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
    (select max(hours_ledger.id) from hours_ledger) as ledger,
    (select max(lesson_progress.id) from lesson_progress) as lessons,
    (select max(quiz_attempts.id) from quiz_attempts) as attempts,
    (select cohorts.starts_on || cohorts.ends_on from cohorts where cohorts.id = ${cohortId}) as dates,
    (select count(*) || ':' || max(enrollments.id) || ':' || sum(enrollments.status = 'active') || ':' ||
        coalesce(max(enrollments.enrolled_at), 0) || ':' || coalesce(max(enrollments.withdrawn_at), 0) || ':' ||
        coalesce(max(users.updated_at), 0) || ':' || coalesce(max(learner_clocks.credited_until), 0)
      from enrollments
      join users on users.id = enrollments.user_id
      left join learner_clocks on learner_clocks.user_id = enrollments.user_id
      where enrollments.cohort_id = ${cohortId}) as people,
    (select count(*) || ':' || coalesce(max(live_sessions.id), 0) || ':' || coalesce(sum(live_sessions.starts_at), 0) || ':' ||
        coalesce(max(live_sessions.cancelled_at), 0) || ':' ||
        coalesce(sum(live_sessions.starts_at + live_sessions.duration_minutes * 60000 <= ${at}), 0)
      from live_sessions where live_sessions.cohort_id = ${cohortId}) as sessions,
    (select count(*) || ':' || coalesce(max(attendance.recorded_at), 0)
      from attendance join live_sessions on live_sessions.id = attendance.session_id
      where live_sessions.cohort_id = ${cohortId}) as attendance`);
  return `${Math.floor(at / HOUR_MS)}|${Object.values(row ?? {}).join('|')}`;
}

/**
 * The program-wide view's version: any ledger entry, enrollment change, cohort, or change to a
 * person's profile (state, office, gender). The people count and latest update read every
 * person once (about 660 inspectors nationwide; 5,000 in the bench).
 */
export function programDataVersion(db: Executor): string {
  const row = db.get<Record<string, number | string | null>>(sql`select
    (select max(hours_ledger.id) from hours_ledger) as ledger,
    (select count(*) || ':' || max(enrollments.id) || ':' || coalesce(max(enrollments.enrolled_at), 0) || ':' ||
        coalesce(max(enrollments.withdrawn_at), 0) from enrollments) as enrollments,
    (select count(*) || ':' || max(cohorts.id) from cohorts) as cohorts,
    (select count(*) || ':' || max(users.updated_at) from users) as people`);
  return Object.values(row ?? {}).join('|');
}
