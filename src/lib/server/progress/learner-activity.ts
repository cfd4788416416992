import { and, eq, inArray, isNotNull, type SQLWrapper, sql } from 'drizzle-orm';
import { lessonProgress, quizAttempts, quizResponses, sessions } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import { jsonListPlaceholder } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';

/** A module as the activity counts it: its slug and the ids of its lessons in the catalog. */
export interface ActivityModule {
  slug: string;
  lessonIds: readonly string[];
}

export interface LearnerActivity {
  /**
   * The last time the person did anything Aula records: signed in, opened or studied a lesson
   * (heartbeats), completed one, started a quiz attempt, saved an answer or sent an attempt.
   * Null when they never came. Aula keeps no page-view log, so this is the latest of those.
   */
  lastVisit: Date | null;
  /** Lessons completed per module slug, counting only the module's lessons in the catalog. */
  lessonsCompleted: Record<string, number>;
}

/** Last visit and lessons completed per module of each learner, for the gradebook. */
export function getLearnerActivity(
  db: Executor,
  userIds: readonly number[],
  modules: readonly ActivityModule[],
): Map<number, LearnerActivity> {
  const activity = new Map<number, LearnerActivity>(
    userIds.map((id) => [id, { lastVisit: null, lessonsCompleted: Object.fromEntries(modules.map((m) => [m.slug, 0])) }]),
  );
  if (userIds.length === 0) return activity;
  const ids = [...new Set(userIds)];
  const moduleOf = new Map(modules.flatMap((m) => m.lessonIds.map((id) => [id, m.slug] as const)));
  const params = { ids: JSON.stringify(ids) };
  for (const row of activityQueries(db).completed.all(params)) {
    const slug = moduleOf.get(row.lessonId);
    const mine = activity.get(row.userId);
    if (slug && mine) mine.lessonsCompleted[slug] = (mine.lessonsCompleted[slug] ?? 0) + 1;
  }
  const sources = activityQueries(db).latest.map((query) => query.all(params));
  for (const row of sources.flat()) {
    const mine = activity.get(row.userId);
    if (!mine || row.at === null || row.at <= 0) continue;
    if (!mine.lastVisit || row.at > mine.lastVisit.getTime()) mine.lastVisit = new Date(row.at);
  }
  return activity;
}

// Each source's latest instant per person; SQLite's max() over the integers Drizzle stores.
const latest = (column: SQLWrapper) => sql<number | null>`max(${column})`;

/**
 * The gradebook asks for a page of learners on every view: prepared once per connection, the
 * ids bound as one JSON list (json-list.ts), instead of SQL built with a placeholder per person.
 */
const activityQueries = preparedOnce((db) => {
  const ids = jsonListPlaceholder('ids');
  return {
    completed: db
      .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(and(inArray(lessonProgress.userId, ids), isNotNull(lessonProgress.completedAt)))
      .prepare(),
    latest: [
      db
        .select({
          userId: lessonProgress.userId,
          at: latest(
            sql`max(${lessonProgress.openedAt}, coalesce(${lessonProgress.lastHeartbeatAt}, 0), coalesce(${lessonProgress.completedAt}, 0))`,
          ),
        })
        .from(lessonProgress)
        .where(inArray(lessonProgress.userId, ids))
        .groupBy(lessonProgress.userId)
        .prepare(),
      db
        .select({ userId: quizAttempts.userId, at: latest(sql`max(${quizAttempts.startedAt}, coalesce(${quizAttempts.submittedAt}, 0))`) })
        .from(quizAttempts)
        .where(inArray(quizAttempts.userId, ids))
        .groupBy(quizAttempts.userId)
        .prepare(),
      db
        .select({ userId: quizAttempts.userId, at: latest(quizResponses.savedAt) })
        .from(quizResponses)
        .innerJoin(quizAttempts, eq(quizAttempts.id, quizResponses.attemptId))
        .where(inArray(quizAttempts.userId, ids))
        .groupBy(quizAttempts.userId)
        .prepare(),
      db
        .select({ userId: sessions.userId, at: latest(sessions.createdAt) })
        .from(sessions)
        .where(inArray(sessions.userId, ids))
        .groupBy(sessions.userId)
        .prepare(),
    ],
  };
});
