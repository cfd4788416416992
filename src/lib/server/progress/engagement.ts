import { and, eq, inArray, sql } from 'drizzle-orm';
import { learnerClocks, lessonProgress } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { preparedOnce } from '../prepared.ts';
import { DomainError } from '../errors.ts';
import { creditLessonCompletion } from '../hours/credits.ts';
import { creditBeats } from './wall-clock.ts';

export { HEARTBEAT_INTERVAL_S, HEARTBEAT_MAX_GAP_S } from './wall-clock.ts';

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

/**
 * Credits engaged time for one heartbeat received now; returns the lesson's engaged seconds.
 * Several tabs beating at once share the learner's one clock (docs/decisions/009-one-wall-clock.md).
 */
export function recordHeartbeat(db: Db, ref: LessonRef, now = new Date()): number {
  const { userId, ...lesson } = ref;
  return recordHeartbeats(db, userId, [{ ...lesson, at: now }], now).get(ref.lessonId) ?? 0;
}

/**
 * Credits a learner's beats, live or sent late from a phone that was offline (client instants,
 * which the rule clamps to `now` and to the learner's clock), in one transaction: reading the
 * clock, crediting the lessons and moving the clock together, so concurrent requests from
 * several tabs never credit the same seconds twice. Returns the engaged seconds of each lesson beaten.
 * The caller has checked that the learner may study every lesson named (requireLearnerLesson).
 */
export function recordHeartbeats(db: Db, userId: number, beats: readonly LessonBeat[], now = new Date()): Map<string, number> {
  const lessonIds = [...new Set(beats.map((b) => b.lessonId))];
  if (lessonIds.length === 0) return new Map();
  // IMMEDIATE: take the write lock before reading the clock, so no other connection moves it meanwhile.
  return db.transaction(
    (tx) => {
      const clock = tx
        .select({ creditedUntil: learnerClocks.creditedUntil })
        .from(learnerClocks)
        .where(eq(learnerClocks.userId, userId))
        .get();
      const { credits, clock: next } = creditBeats(clock?.creditedUntil ?? null, beats, now);
      for (const beat of beats) {
        const lastBeat = new Date(Math.min(beat.at.getTime(), now.getTime()));
        tx.insert(lessonProgress)
          .values({ userId, programSlug: beat.programSlug, moduleSlug: beat.moduleSlug, lessonId: beat.lessonId, openedAt: lastBeat })
          .onConflictDoNothing()
          .run();
        tx.update(lessonProgress)
          .set({ lastHeartbeatAt: sql`max(coalesce(${lessonProgress.lastHeartbeatAt}, 0), ${lastBeat.getTime()})` })
          .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, beat.lessonId)))
          .run();
      }
      for (const [lessonId, seconds] of credits) {
        tx.update(lessonProgress)
          .set({ engagedSeconds: sql`${lessonProgress.engagedSeconds} + ${seconds}` })
          .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.lessonId, lessonId)))
          .run();
      }
      if (next) {
        tx.insert(learnerClocks)
          .values({ userId, creditedUntil: next })
          .onConflictDoUpdate({ target: learnerClocks.userId, set: { creditedUntil: next } })
          .run();
      }
      const rows = tx
        .select({ lessonId: lessonProgress.lessonId, engaged: lessonProgress.engagedSeconds })
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, userId), inArray(lessonProgress.lessonId, lessonIds)))
        .all();
      return new Map(rows.map((r) => [r.lessonId, r.engaged]));
    },
    { behavior: 'immediate' },
  );
}

/**
 * Marks a lesson complete once its minimum engaged minutes are reached, and credits its hours
 * to the ledger in the same transaction. Completing twice keeps the first completion and credits once.
 */
export function completeLesson(
  db: Db,
  ref: LessonRef & { minMinutes: number; hours: number },
  now = new Date(),
): { completedAt: Date; creditedMinutes: number } {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ engaged: lessonProgress.engagedSeconds, completedAt: lessonProgress.completedAt })
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, ref.userId), eq(lessonProgress.lessonId, ref.lessonId)))
        .get();
      if (row?.completedAt) return { completedAt: row.completedAt, creditedMinutes: 0 };
      const needed = ref.minMinutes * 60;
      const engaged = row?.engaged ?? 0;
      if (engaged < needed) {
        const remaining = Math.ceil((needed - engaged) / 60);
        const code = remaining === 1 ? 'progress.notEnoughTime.one' : 'progress.notEnoughTime';
        throw new DomainError(code, { remaining, required: ref.minMinutes }, 'invalid');
      }
      const { minMinutes: _minMinutes, hours, ...lesson } = ref;
      tx.insert(lessonProgress)
        .values({ ...lesson, openedAt: now, completedAt: now })
        .onConflictDoUpdate({ target: [lessonProgress.userId, lessonProgress.lessonId], set: { completedAt: now } })
        .run();
      const creditedMinutes = creditLessonCompletion(tx, { ...lesson, minutes: Math.round(hours * 60), at: now });
      return { completedAt: now, creditedMinutes };
    },
    { behavior: 'immediate' },
  );
}

/** A beat for one lesson of the learner's program, at an instant. */
export interface LessonBeat {
  programSlug: string;
  moduleSlug: string;
  lessonId: string;
  at: Date;
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
