import { and, eq, sql } from 'drizzle-orm';
import { lessonProgress } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { preparedOnce } from '../prepared.ts';
import { DomainError } from '../errors.ts';

/** The page sends a heartbeat this often while the tab is visible and the person active. */
export const HEARTBEAT_INTERVAL_S = 30;
/**
 * A heartbeat credits the real time since the previous one, but only when that gap is short:
 * after a longer gap (tab hidden, laptop closed, person idle) it credits nothing and restarts
 * the clock. Sending faster never credits more than the time that passed (DESIGN.md:
 * "Completion means work was done").
 */
export const HEARTBEAT_MAX_GAP_S = 45;

export interface LessonRef {
  userId: number;
  programSlug: string;
  moduleSlug: string;
  lessonId: string;
}

/** Records that a learner opened a lesson (the first time only). */
export function recordLessonOpened(db: Db, ref: LessonRef, now = new Date()): void {
  db.insert(lessonProgress)
    .values({ ...ref, openedAt: now })
    .onConflictDoNothing()
    .run();
}

/** Credits engaged time for one heartbeat; returns the learner's total engaged seconds. */
export function recordHeartbeat(db: Db, ref: LessonRef, now = new Date()): number {
  return db.transaction((tx) => {
    tx.insert(lessonProgress)
      .values({ ...ref, openedAt: now })
      .onConflictDoNothing()
      .run();
    const row = tx
      .select({ id: lessonProgress.id, last: lessonProgress.lastHeartbeatAt, engaged: lessonProgress.engagedSeconds })
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, ref.userId), eq(lessonProgress.lessonId, ref.lessonId)))
      .get();
    if (!row) throw new Error(`lesson_progress row missing for ${ref.lessonId}`);
    const gap = row.last ? Math.floor((now.getTime() - row.last.getTime()) / 1000) : Number.POSITIVE_INFINITY;
    const credit = gap > 0 && gap <= HEARTBEAT_MAX_GAP_S ? gap : 0;
    tx.update(lessonProgress)
      .set({ lastHeartbeatAt: now, engagedSeconds: sql`${lessonProgress.engagedSeconds} + ${credit}` })
      .where(eq(lessonProgress.id, row.id))
      .run();
    return row.engaged + credit;
  });
}

/**
 * Marks a lesson complete once its minimum engaged minutes are reached. Completing twice keeps
 * the first completion.
 */
export function completeLesson(db: Db, ref: LessonRef & { minMinutes: number }, now = new Date()): { completedAt: Date } {
  const row = db
    .select({ engaged: lessonProgress.engagedSeconds, completedAt: lessonProgress.completedAt })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, ref.userId), eq(lessonProgress.lessonId, ref.lessonId)))
    .get();
  if (row?.completedAt) return { completedAt: row.completedAt };
  const needed = ref.minMinutes * 60;
  const engaged = row?.engaged ?? 0;
  if (engaged < needed) {
    throw new DomainError('progress.notEnoughTime', { remaining: Math.ceil((needed - engaged) / 60), required: ref.minMinutes }, 'invalid');
  }
  const { minMinutes: _minMinutes, ...lesson } = ref;
  db.insert(lessonProgress)
    .values({ ...lesson, openedAt: now, completedAt: now })
    .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { completedAt: now } })
    .run();
  return { completedAt: now };
}

export interface LessonProgressView {
  engagedSeconds: number;
  completedAt: Date | null;
  openedAt: Date;
}

/** Every lesson a learner has touched in a program, by lesson id. */
export function getProgramProgress(db: Db, userId: number, programSlug: string): Map<string, LessonProgressView> {
  const rows = progressQuery(db).all({ userId, programSlug });
  return new Map(rows.map(({ lessonId, ...rest }) => [lessonId, rest]));
}

/** Read on every course page: prepared once per connection. */
const progressQuery = preparedOnce((db) =>
  db
    .select({
      lessonId: lessonProgress.lessonId,
      engagedSeconds: lessonProgress.engagedSeconds,
      completedAt: lessonProgress.completedAt,
      openedAt: lessonProgress.openedAt,
    })
    .from(lessonProgress)
    .where(and(eq(lessonProgress.userId, sql.placeholder('userId')), eq(lessonProgress.programSlug, sql.placeholder('programSlug'))))
    .prepare(),
);
