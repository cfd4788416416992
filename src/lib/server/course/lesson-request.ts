import { t } from '../../../i18n/index.ts';
import { formatLongDate, tCount } from '../../format.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { type LessonProgressView, type LessonRef, recordLessonOpened } from '../progress/engagement.ts';
import type { CatalogModule } from './catalog.ts';
import { type LearnerPath, loadLearnerPath } from './learner-path.ts';

/** What a request for /diplomado/<module>/<lesson> gets, decided once for the page and for its shell. */
export type LessonRequest =
  | { kind: 'forbidden' }
  | { kind: 'notFound' }
  /** The module is locked for this learner: its page says why (`bloqueada`). */
  | { kind: 'locked'; location: string }
  | {
      kind: 'lesson';
      path: LearnerPath;
      module: CatalogModule;
      index: number;
      lesson: CatalogModule['lessons'][number];
      /** A learner of the program (staff preview the lesson, and nothing of theirs is recorded). */
      learner: boolean;
      progress: LessonProgressView | null;
      ref: LessonRef;
    };

export async function resolveLessonRequest(db: Db, user: SessionUser, moduleSlug: string, lessonSlug: string): Promise<LessonRequest> {
  const path = await loadLearnerPath(db, user);
  if (path.access.kind === 'none') return { kind: 'forbidden' };
  const module = path.modules.find((m) => m.slug === moduleSlug);
  const index = module?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
  const lesson = module?.lessons[index];
  // A learner asking for a draft gets the same 404 as for a lesson that does not exist.
  if (!module || !lesson) return { kind: 'notFound' };
  // The module page says why it is locked; the flag tells it the learner came from one of its lessons.
  if (path.standings.get(module.slug)?.locked) return { kind: 'locked', location: `/diplomado/${module.slug}?bloqueada=1` };
  const learner = path.access.kind === 'learner';
  const progress = learner ? (path.progress.get(lesson.id) ?? null) : null;
  const ref = { userId: user.id, programSlug: path.catalog.program.slug, moduleSlug: module.slug, lessonId: lesson.id };
  return { kind: 'lesson', path, module, index, lesson, learner, progress, ref };
}

/** Marks the service worker's fetches that store a module for offline reading (src/service-worker/sw.ts). */
export const OFFLINE_STORE_HEADER = 'x-aula-sin-conexion';

/**
 * A learner's first view of a lesson starts its record. Storing a module for offline reading (the
 * service worker's fetch, marked by its header) is not opening its lessons.
 */
export function noteLessonOpened(db: Db, request: Extract<LessonRequest, { kind: 'lesson' }>, storingOffline: boolean): void {
  if (request.learner && !request.progress && !storingOffline) recordLessonOpened(db, request.ref);
}

/** The engagement lines of a lesson not yet completed (LessonEngagement.astro). */
export function engagementTexts(engagedSeconds: number, minMinutes: number) {
  const remainingSeconds = Math.max(0, minMinutes * 60 - engagedSeconds);
  return {
    engagedText: t('lesson.engaged', { minutes: Math.floor(engagedSeconds / 60), required: minMinutes }),
    remainingSeconds: String(remainingSeconds),
    remainingText: remainingSeconds > 0 ? tCount('lesson.remaining', Math.ceil(remainingSeconds / 60)) : t('lesson.remaining.ready'),
  };
}

export function completedText(completedAt: Date): string {
  return t('lesson.completed', { date: formatLongDate(completedAt) });
}
