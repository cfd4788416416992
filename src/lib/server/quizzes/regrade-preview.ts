import type { Quiz } from '../../content/quiz-schema.ts';
import type { Db } from '../db.ts';
import { quizVersionHash } from './draw.ts';
import {
  type AttemptPlan,
  attemptPasses,
  type NotRegradable,
  planAttemptRegrade,
  planChangesGrades,
  questionChanged,
  questionsById,
  regradability,
} from './regrade-plan.ts';
import {
  type Candidate,
  keptGrade,
  learnerAttempts,
  loadCandidates,
  loadDefinitions,
  loadRules,
  requireRegrader,
} from './regrade-scope.ts';

// The preview of a regrade (docs/decisions/007): computed on every page load from the same plan
// the regrade uses (regrade-plan.ts), so what is shown is what a confirmation does.

/**
 * What a regrade with the current quiz would change, for the attempts the actor may act on:
 * the changed questions, and for each attempt whose grade moves, its score before and after,
 * whether it passes before and after, and the learner's kept module grade (and so completion
 * and the evaluation hours) before and after the whole regrade. Writes nothing.
 */
export function previewRegrade(db: Db, input: { moduleSlug: string; quiz: Quiz; actorId: number }): RegradePreview {
  const { staff } = requireRegrader(db, input.actorId);
  const version = quizVersionHash(input.quiz);
  const current = questionsById(input.quiz);
  const definitions = loadDefinitions(db, input.moduleSlug);
  const rules = loadRules(db, input.moduleSlug);
  rules.set(version, { grading: input.quiz.grading, passingScore: input.quiz.passingScore });
  const candidates = loadCandidates(db, input.moduleSlug, input.actorId, staff);

  const questions = new Map<string, RegradeQuestion>();
  const plans: { candidate: Candidate; plan: AttemptPlan }[] = [];
  let unchanged = 0;
  for (const candidate of candidates) {
    for (const r of candidate.responses) {
      const before = definitions.get(r.gradedWith)?.get(r.questionId);
      const now = current.get(r.questionId);
      if (r.gradedWith === version || !before || (now && !questionChanged(before, now))) continue;
      const entry = questions.get(r.questionId) ?? {
        questionId: r.questionId,
        prompt: (now ?? before).prompt,
        notRegradable: regradability(before, now),
        attempts: 0,
      };
      entry.attempts++;
      questions.set(r.questionId, entry);
    }
    const plan = planAttemptRegrade(candidate, candidate.responses, definitions, current, version);
    if (plan.questions.length === 0) continue;
    if (planChangesGrades(plan)) plans.push({ candidate, plan });
    else unchanged++;
  }

  const learners = new Map<number, { before: ReturnType<typeof keptGrade>; after: ReturnType<typeof keptGrade> }>();
  for (const userId of new Set(plans.map((p) => p.candidate.userId))) {
    const attempts = learnerAttempts(db, userId, input.moduleSlug);
    const after = attempts.map((a) => {
      const planned = plans.find((p) => p.candidate.id === a.id)?.plan;
      return planned ? { ...a, score: planned.scoreAfter, maxScore: planned.maxScoreAfter } : a;
    });
    learners.set(userId, { before: keptGrade(attempts, rules), after: keptGrade(after, rules) });
  }
  const rows = plans.map(({ candidate, plan }): RegradeRow => {
    const attemptRules = rules.get(candidate.version) ?? input.quiz;
    const module = learners.get(candidate.userId) as { before: ReturnType<typeof keptGrade>; after: ReturnType<typeof keptGrade> };
    return {
      attemptId: candidate.id,
      userId: candidate.userId,
      fullName: candidate.fullName,
      attemptNumber: candidate.number,
      questionIds: plan.questions.filter((q) => q.scoreBefore !== q.scoreAfter).map((q) => q.questionId),
      scoreBefore: plan.scoreBefore,
      scoreAfter: plan.scoreAfter,
      maxScoreBefore: plan.maxScoreBefore,
      maxScoreAfter: plan.maxScoreAfter,
      passedBefore: attemptPasses(attemptRules, plan.scoreBefore, plan.maxScoreBefore),
      passedAfter: attemptPasses(attemptRules, plan.scoreAfter, plan.maxScoreAfter),
      moduleGradeBefore: module.before.grade,
      moduleGradeAfter: module.after.grade,
      modulePassedBefore: module.before.passed,
      modulePassedAfter: module.after.passed,
    };
  });
  return { version, questions: [...questions.values()], rows, unchanged };
}

export interface RegradeQuestion {
  questionId: string;
  prompt: string;
  /** Why the change is not regraded automatically; null when it is. */
  notRegradable: NotRegradable | null;
  /** Attempts (in the actor's reach) graded with another definition of it. */
  attempts: number;
}

export interface RegradeRow {
  attemptId: number;
  userId: number;
  fullName: string;
  attemptNumber: number;
  /** The questions whose points move. */
  questionIds: string[];
  scoreBefore: number | null;
  scoreAfter: number | null;
  maxScoreBefore: number;
  maxScoreAfter: number;
  /** The attempt by itself against the passing score; null while an essay is pending. */
  passedBefore: boolean | null;
  passedAfter: boolean | null;
  /** The learner's kept module grade (share 0..1) and whether it passes, before and after the whole regrade. */
  moduleGradeBefore: number | null;
  moduleGradeAfter: number | null;
  modulePassedBefore: boolean;
  modulePassedAfter: boolean;
}

export interface RegradePreview {
  /** The current quiz's version: the confirm form sends it back. */
  version: string;
  questions: RegradeQuestion[];
  /** Attempts whose grade would change. */
  rows: RegradeRow[];
  /** Attempts with a changed question whose grade would not move (a reworded prompt, a new feedback). */
  unchanged: number;
}
