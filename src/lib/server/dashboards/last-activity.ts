import { sql } from 'drizzle-orm';
import { attendance, hoursLedger, lessonProgress, liveSessions, quizAttempts } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';

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
      select ${lessonProgress.userId} as user_id,
        max(max(${lessonProgress.openedAt}, coalesce(${lessonProgress.lastHeartbeatAt}, 0), coalesce(${lessonProgress.completedAt}, 0))) as at
        from ${lessonProgress} where ${lessonProgress.userId} in ${list} group by 1
      union all
      select ${quizAttempts.userId}, max(max(${quizAttempts.startedAt}, coalesce(${quizAttempts.submittedAt}, 0)))
        from ${quizAttempts} where ${quizAttempts.userId} in ${list} group by 1
      union all
      select ${attendance.userId}, max(${liveSessions.startsAt})
        from ${attendance} join ${liveSessions} on ${liveSessions.id} = ${attendance.sessionId}
        where ${attendance.userId} in ${list} and ${attendance.status} in ('present', 'late', 'left_early') group by 1
      union all
      select ${hoursLedger.userId}, max(${hoursLedger.recordedAt})
        from ${hoursLedger} where ${hoursLedger.userId} in ${list} and ${hoursLedger.minutes} > 0 group by 1
    ) group by user_id`);
  for (const row of rows) if (row.at !== null && row.at > 0) result.set(row.userId, new Date(row.at));
  return result;
}
