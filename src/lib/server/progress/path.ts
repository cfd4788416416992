import type { LessonProgressView } from './engagement.ts';

/**
 * The learner's path through a program, as plain data: which lessons are done, how far each
 * module is, and which modules are locked by prerequisites. Pure, so it is tested without Astro.
 */

export interface PathLesson {
  id: string;
  hours: number;
  draft: boolean;
}

export interface PathModule {
  slug: string;
  hours: number;
  prerequisites: string[];
  lessons: PathLesson[];
}

export interface ModuleStanding {
  slug: string;
  completedLessons: number;
  totalLessons: number;
  completedHours: number;
  totalHours: number;
  /** Null when the module has no quiz. */
  quizPassed: boolean | null;
  complete: boolean;
  locked: boolean;
  /** Prerequisite modules not yet complete (what the locked module is waiting for). */
  missing: string[];
}

/** Lessons a viewer may see: learners never see drafts; instructors and coordination do. */
export function visibleLessons<T extends { draft: boolean }>(lessons: T[], canSeeDrafts: boolean): T[] {
  return canSeeDrafts ? lessons : lessons.filter((l) => !l.draft);
}

/**
 * A module is complete when every published lesson is complete and, if the module has a quiz,
 * the quiz is passed (`quizzes`: module slug → passed). Modules open when their prerequisites are complete.
 */
export function computeStandings(
  modules: PathModule[],
  progress: Map<string, Pick<LessonProgressView, 'completedAt'>>,
  quizzes: Map<string, boolean> = new Map(),
): Map<string, ModuleStanding> {
  const base = new Map<string, Omit<ModuleStanding, 'locked' | 'missing'>>();
  for (const m of modules) {
    const lessons = m.lessons.filter((l) => !l.draft);
    const done = lessons.filter((l) => progress.get(l.id)?.completedAt);
    base.set(m.slug, {
      slug: m.slug,
      completedLessons: done.length,
      totalLessons: lessons.length,
      completedHours: done.reduce((sum, l) => sum + l.hours, 0),
      totalHours: lessons.reduce((sum, l) => sum + l.hours, 0),
      quizPassed: quizzes.has(m.slug) ? (quizzes.get(m.slug) as boolean) : null,
      complete: lessons.length > 0 && done.length === lessons.length && quizzes.get(m.slug) !== false,
    });
  }
  const standings = new Map<string, ModuleStanding>();
  for (const m of modules) {
    const missing = m.prerequisites.filter((p) => !base.get(p)?.complete);
    standings.set(m.slug, { ...(base.get(m.slug) as Omit<ModuleStanding, 'locked' | 'missing'>), locked: missing.length > 0, missing });
  }
  return standings;
}
