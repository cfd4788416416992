import { t } from '../../../i18n/index.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { completeLesson, getProgramProgress, type LessonBeat, recordHeartbeats } from './engagement.ts';

/**
 * Progress recorded on a phone while offline and sent when the network returns
 * (docs/decisions/023-offline-lessons.md). Beats go through the one crediting rule
 * (recordHeartbeats, decision 009): a beat in the future counts as now, a duplicate or a replay
 * earns nothing, and the total never passes the time that really went by. Completions then go
 * through completeLesson, which completes once and only with enough engaged time. So a batch sent
 * twice (its answer lost on a bad link) credits nothing the second time.
 */

/** Beats older than this are not credited: a queue forgotten on a phone for weeks is stale. */
export const OFFLINE_MAX_AGE_DAYS = 14;

/**
 * Credits a learner's offline queue and says, per lesson, what was accepted and why not.
 * `lessonFor` authorizes one lesson for this learner (requireLearnerLesson) and throws a
 * DomainError when they may not study it; nothing is credited for such a lesson.
 */
export function syncOfflineProgress(
  db: Db,
  input: { userId: number; queueUserId: number; beats: QueuedBeat[]; completions: QueuedCompletion[]; lessonFor: LessonAuthorizer },
  now = new Date(),
): SyncAnswer {
  // A shared phone: one person's queue is never credited to another (the page tags it by account).
  if (input.queueUserId !== input.userId) throw new DomainError('offline.sync.wrongUser', {}, 'forbidden');
  const oldest = now.getTime() - OFFLINE_MAX_AGE_DAYS * 86_400_000;
  const lessonIds = [...new Set([...input.beats, ...input.completions].map((item) => item.lessonId))];
  const targets = new Map<string, LessonTarget>();
  const lessons = new Map<string, LessonAnswer>();
  for (const lessonId of lessonIds) {
    try {
      const target = input.lessonFor(lessonId);
      targets.set(lessonId, target);
      lessons.set(lessonId, {
        lessonId,
        title: target.lesson.title,
        engagedSeconds: 0,
        creditedSeconds: 0,
        beats: 0,
        completion: null,
        refused: null,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      lessons.set(lessonId, {
        lessonId,
        title: null,
        engagedSeconds: 0,
        creditedSeconds: 0,
        beats: 0,
        completion: null,
        refused: t(error.code, error.params),
      });
    }
  }

  const beats: LessonBeat[] = [];
  let stale = 0;
  for (const beat of input.beats) {
    const target = targets.get(beat.lessonId);
    if (!target) continue;
    if (beat.at.getTime() < oldest) {
      stale += 1;
      continue;
    }
    const answer = lessons.get(beat.lessonId);
    if (answer) answer.beats += 1;
    beats.push({ programSlug: target.programSlug, moduleSlug: target.module.slug, lessonId: beat.lessonId, at: beat.at });
  }
  if (beats.length > 0) {
    const programSlug = beats[0]?.programSlug ?? '';
    const before = getProgramProgress(db, input.userId, programSlug);
    const after = recordHeartbeats(db, input.userId, beats, now);
    for (const [lessonId, engaged] of after) {
      const answer = lessons.get(lessonId);
      if (!answer) continue;
      answer.engagedSeconds = engaged;
      answer.creditedSeconds = Math.max(0, engaged - (before.get(lessonId)?.engagedSeconds ?? 0));
    }
  }

  for (const lessonId of new Set(input.completions.map((c) => c.lessonId))) {
    const target = targets.get(lessonId);
    const answer = lessons.get(lessonId);
    if (!target || !answer) continue;
    try {
      const { creditedMinutes, completedAt } = completeLesson(
        db,
        {
          userId: input.userId,
          programSlug: target.programSlug,
          moduleSlug: target.module.slug,
          lessonId,
          minMinutes: target.lesson.minMinutes,
          hours: target.lesson.hours,
        },
        now,
      );
      answer.completion = { accepted: true, already: completedAt.getTime() !== now.getTime(), creditedMinutes };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      answer.completion = { accepted: false, reason: t(error.code, error.params) };
    }
  }

  const items = [...lessons.values()];
  return { items, staleBeats: stale, summary: summarize(items, stale) };
}

/** The sentence the page shows: what was credited, what was completed, and what was not and why. */
function summarize(items: LessonAnswer[], stale: number): string {
  const parts: string[] = [];
  const seconds = items.reduce((sum, item) => sum + item.creditedSeconds, 0);
  if (seconds > 0) parts.push(t('offline.sync.credited', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 }));
  for (const item of items) {
    const title = item.title ?? item.lessonId;
    if (item.refused) parts.push(t('offline.sync.refused', { title, reason: item.refused }));
    else if (item.completion?.accepted)
      parts.push(t(item.completion.already ? 'offline.sync.alreadyCompleted' : 'offline.sync.completed', { title }));
    else if (item.completion) parts.push(t('offline.sync.notCompleted', { title, reason: item.completion.reason }));
  }
  if (stale > 0) parts.push(t('offline.sync.stale', { days: OFFLINE_MAX_AGE_DAYS }));
  if (parts.length === 0) parts.push(t('offline.sync.nothing'));
  return parts.join(' ');
}

export interface QueuedBeat {
  lessonId: string;
  /** The phone's own instant; the crediting rule clamps it to the server's clock. */
  at: Date;
}

export interface QueuedCompletion {
  lessonId: string;
}

export interface LessonTarget {
  programSlug: string;
  module: { slug: string };
  lesson: { title: string; minMinutes: number; hours: number };
}

export type LessonAuthorizer = (lessonId: string) => LessonTarget;

export interface LessonAnswer {
  lessonId: string;
  /** Null when the lesson was refused: its title is not the learner's to see. */
  title: string | null;
  beats: number;
  creditedSeconds: number;
  /** The lesson's engaged seconds after this batch (0 when it had no beats), for the page's countdown. */
  engagedSeconds: number;
  completion: { accepted: true; already: boolean; creditedMinutes: number } | { accepted: false; reason: string } | null;
  /** Why nothing of this lesson was accepted (not in the learner's path, module locked). */
  refused: string | null;
}

export interface SyncAnswer {
  items: LessonAnswer[];
  staleBeats: number;
  summary: string;
}
