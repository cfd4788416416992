import type { Quiz } from '../../content/quiz-schema.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { closeExpiredAttempts, getQuizStanding, type QuizStanding } from '../quizzes/attempts.ts';
import { getCohort } from '../cohorts/cohorts.ts';
import { type QuizWindow, quizWindow } from '../quizzes/availability.ts';
import { getActiveCohortId } from '../quizzes/learner-cohort.ts';
import { getModuleQuiz } from './catalog.ts';
import { type LearnerPath, loadLearnerPath } from './learner-path.ts';

export interface ModuleQuizContext {
  path: LearnerPath;
  module: LearnerPath['modules'][number];
  quiz: Quiz;
  /** Null for staff, who preview the quiz but take no attempts. */
  standing: QuizStanding | null;
  /** The learner's cohort, and when that cohort may take the quiz. */
  cohortId: number | null;
  window: QuizWindow;
  ref: { userId: number; programSlug: string; moduleSlug: string };
}

/**
 * Everything a quiz page or action needs, after the checks: the person may study the program,
 * the module exists, is not locked for them, and has a quiz. Expired attempts are closed first.
 */
export async function loadModuleQuiz(db: Db, user: SessionUser, moduleSlug: string): Promise<ModuleQuizContext> {
  const path = await loadLearnerPath(db, user);
  if (path.access.kind === 'none') throw new DomainError('error.forbidden', {}, 'forbidden');
  const module = path.modules.find((m) => m.slug === moduleSlug);
  const quiz = module ? await getModuleQuiz(module.slug) : null;
  if (!module || !quiz) throw new DomainError('quiz.notFound', {}, 'not-found');
  if (path.standings.get(module.slug)?.locked) throw new DomainError('progress.locked', {}, 'forbidden');
  const ref = { userId: user.id, programSlug: path.catalog.program.slug, moduleSlug: module.slug };
  if (path.access.kind === 'learner') closeExpiredAttempts(db, { userId: ref.userId, moduleSlug: ref.moduleSlug });
  const standing = path.access.kind === 'learner' ? getQuizStanding(db, { ...ref, quiz }) : null;
  const cohortId = path.access.kind === 'learner' ? getActiveCohortId(db, user.id, ref.programSlug) : null;
  const cohort = cohortId === null ? null : getCohort(db, cohortId);
  return { path, module, quiz, standing, ref, cohortId, window: quizWindow(quiz, cohort) };
}
