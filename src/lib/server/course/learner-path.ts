import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { getProgramProgress, type LessonProgressView } from '../progress/engagement.ts';
import { computeStandings, type ModuleStanding, visibleLessons } from '../progress/path.ts';
import { type CourseAccess, getCourseAccess } from './access.ts';
import { getQuizPasses } from '../quizzes/attempts.ts';
import { type Catalog, type CatalogModule, getAllQuizzes, getCatalog } from './catalog.ts';

export interface LearnerPath {
  catalog: Catalog;
  access: CourseAccess;
  /** Modules with only the lessons this person may see (no drafts for learners). */
  modules: CatalogModule[];
  progress: Map<string, LessonProgressView>;
  standings: Map<string, ModuleStanding>;
}

/** Everything the program, module and lesson pages need about one person, in one place. */
export async function loadLearnerPath(db: Db, user: SessionUser): Promise<LearnerPath> {
  const catalog = await getCatalog();
  const access = getCourseAccess(db, user, catalog.program.slug);
  const canSeeDrafts = access.kind === 'staff';
  const modules = catalog.modules.map((m) => ({ ...m, lessons: visibleLessons(m.lessons, canSeeDrafts) }));
  const progress = access.kind === 'learner' ? getProgramProgress(db, user.id, catalog.program.slug) : new Map();
  const quizPasses = access.kind === 'learner' ? getQuizPasses(db, user.id, await getAllQuizzes()) : new Map<string, boolean>();
  const standings = computeStandings(catalog.modules, progress, quizPasses);
  if (access.kind === 'staff') {
    // Staff preview everything: nothing is locked for them.
    for (const s of standings.values()) Object.assign(s, { locked: false, missing: [] });
  }
  return { catalog, access, modules, progress, standings };
}

/**
 * The lesson a learner acts on (a heartbeat, a completion), or a DomainError saying why not:
 * not a learner of the program, no such visible lesson, or its module still locked.
 */
export function requireLearnerLesson(
  path: LearnerPath,
  lessonId: string,
): { module: CatalogModule; lesson: CatalogModule['lessons'][number]; programSlug: string } {
  const moduleSlug = lessonId.split('/')[0] ?? '';
  const module = path.modules.find((m) => m.slug === moduleSlug);
  const lesson = module?.lessons.find((l) => l.id === lessonId);
  if (path.access.kind !== 'learner' || !module || !lesson) throw new DomainError('progress.notAvailable', {}, 'forbidden');
  if (path.standings.get(moduleSlug)?.locked) throw new DomainError('progress.locked', {}, 'forbidden');
  return { module, lesson, programSlug: path.catalog.program.slug };
}

/**
 * Why a learner cannot open a lesson yet: the modules its own module waits for, by number and
 * title; null when the lesson is open to them (or the module unknown). Pages that link to lessons
 * from elsewhere (search, the legal index) mark locked ones with it instead of a dead link.
 */
export function getLessonLock(path: LearnerPath, lessonId: string): { missing: { number: number; title: string }[] } | null {
  const standing = path.standings.get(lessonId.split('/')[0] ?? '');
  if (!standing?.locked) return null;
  const missing = standing.missing.flatMap((slug) => {
    const module = path.modules.find((m) => m.slug === slug);
    return module ? [{ number: module.number, title: module.title }] : [];
  });
  return { missing };
}
