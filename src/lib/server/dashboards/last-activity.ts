import { sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';

// Tables and columns are spelled out, qualified, in these raw statements: a schema column inside a
// raw subquery can lose its table name (tests/unit/sql-subqueries.test.ts).

/**
 * Each person's last activity as the pace counts it (docs/decisions/016-pace.md): a lesson opened,
 * studied or completed, a quiz attempt started or sent, a live session attended (its start), hours
 * credited to them. A sign-in alone is not activity. One grouped query for any number of people;
 * people with none are absent from the map.
 */
export function lastActivityOf(db: Executor, userIds: readonly number[]): Map<number, Date> {
  const result = new Map<number, Date>();
  if (userIds.length === 0) return result;
  const ids = JSON.stringify([...new Set(userIds)]);
  const list = sql`(select value from json_each(${ids}))`;
  const rows = db.all<{ userId: number; at: number | null }>(sql`
    select user_id as userId, max(at) as at from (
      select lesson_progress.user_id as user_id,
        max(max(lesson_progress.opened_at, coalesce(lesson_progress.last_heartbeat_at, 0), coalesce(lesson_progress.completed_at, 0))) as at
        from lesson_progress where lesson_progress.user_id in ${list} group by 1
      union all
      select quiz_attempts.user_id, max(max(quiz_attempts.started_at, coalesce(quiz_attempts.submitted_at, 0)))
        from quiz_attempts where quiz_attempts.user_id in ${list} group by 1
      union all
      select attendance.user_id, max(live_sessions.starts_at)
        from attendance join live_sessions on live_sessions.id = attendance.session_id
        where attendance.user_id in ${list} and attendance.status in ('present', 'late', 'left_early') group by 1
      union all
      select hours_ledger.user_id, max(hours_ledger.recorded_at)
        from hours_ledger where hours_ledger.user_id in ${list} and hours_ledger.minutes > 0 group by 1
    ) group by user_id`);
  for (const row of rows) if (row.at !== null && row.at > 0) result.set(row.userId, new Date(row.at));
  return result;
}
