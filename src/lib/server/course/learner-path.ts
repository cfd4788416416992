import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
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
