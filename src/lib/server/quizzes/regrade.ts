import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { quizAttempts, quizRegrades, quizResponses, quizVersions, userRoles, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { type Question, type Quiz, quizSchema } from '../../content/quiz-schema.ts';
import { appendAuditEntry } from '../audit/log.ts';
import { isStaff, taughtBy } from '../cohorts/teaching.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { reconcileQuizCredit } from '../hours/credits.ts';
import { quizVersionHash } from './draw.ts';
import type { Response } from './grading.ts';
import { moduleGrade } from './module-grade.ts';
import {
  type AttemptPlan,
  attemptPasses,
  type NotRegradable,
  planAttemptRegrade,
  planChangesGrades,
  questionChanged,
  questionsById,
  regradability,
  type StoredResponse,
} from './regrade-plan.ts';

/**
 * Regrading after a key error (issue 16, docs/decisions/007). When quiz.yaml is corrected, the
 * current quiz is a new version; the submitted attempts whose questions were graded with another
 * definition of those questions can be previewed and then regraded. Each attempt is regraded in a
 * short transaction of its own, with the event loop free between two, so a large cohort never
 * holds the server; the credit moves through reconcileQuizCredit (a reversal or a new credit,
 * never an edit), the old grades go to the audit log and to quiz_regrades, and certificates are
 * never touched (certificates/regrade-review.ts flags the ones a reversed pass rests on).
 */

/** Instructors (for the learners they teach) and coordination may regrade; nobody else sees anything. */
function requireRegrader(db: Executor, actorId: number): { staff: boolean } {
  if (isStaff(db, actorId)) return { staff: true };
  const instructor = db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, actorId), eq(userRoles.role, 'instructor')))
    .get();
  if (!instructor) throw new DomainError('error.forbidden', {}, 'forbidden');
  return { staff: false };
}

/** Every version of the module's quiz, parsed: hash → question id → question. */
function loadDefinitions(db: Executor, moduleSlug: string): Map<string, Map<string, Question>> {
  return new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(eq(quizVersions.moduleSlug, moduleSlug))
      .all()
      .map((v) => [v.hash, questionsById(quizSchema.parse(JSON.parse(v.definition)))]),
  );
}

interface Candidate {
  id: number;
  userId: number;
  cohortId: number | null;
  number: number;
  /** The version the attempt was taken on: its passing rules. */
  version: string;
  fullName: string;
  score: number | null;
  maxScore: number;
  responses: StoredResponse[];
}

/** The submitted attempts of the module the actor may act on, with their responses. */
function loadCandidates(db: Executor, moduleSlug: string, actorId: number, staff: boolean, attemptId?: number): Candidate[] {
  const attempts = db
    .select({
      id: quizAttempts.id,
      userId: quizAttempts.userId,
      cohortId: quizAttempts.cohortId,
      number: quizAttempts.number,
      version: quizAttempts.quizVersion,
      fullName: users.fullName,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
    })
    .from(quizAttempts)
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .where(
      and(
        eq(quizAttempts.moduleSlug, moduleSlug),
        isNotNull(quizAttempts.submittedAt),
        attemptId === undefined ? undefined : eq(quizAttempts.id, attemptId),
        // Rights end when the learner leaves the cohort (cohorts/teaching.ts).
        staff ? undefined : taughtBy(db, actorId, quizAttempts.userId, quizAttempts.cohortId),
      ),
    )
    .orderBy(asc(users.sortKey), asc(quizAttempts.userId), asc(quizAttempts.number))
    .all();
  if (attempts.length === 0) return [];
  const rows = db
    .select({
      attemptId: quizResponses.attemptId,
      questionId: quizResponses.questionId,
      response: quizResponses.response,
      score: quizResponses.score,
      regradedVersion: quizResponses.regradedVersion,
    })
    .from(quizResponses)
    .where(
      inArray(
        quizResponses.attemptId,
        attempts.map((a) => a.id),
      ),
    )
    .all();
  const byAttempt = new Map<number, StoredResponse[]>();
  const versionOf = new Map(attempts.map((a) => [a.id, a.version]));
  for (const r of rows) {
    const list = byAttempt.get(r.attemptId) ?? [];
    list.push({
      questionId: r.questionId,
      response: r.response ? (JSON.parse(r.response) as Response) : null,
      score: r.score,
      gradedWith: r.regradedVersion ?? (versionOf.get(r.attemptId) as string),
    });
    byAttempt.set(r.attemptId, list);
  }
  return attempts.map((a) => ({ ...a, responses: byAttempt.get(a.id) ?? [] }));
}

interface LearnerAttempt {
  id: number;
  score: number | null;
  maxScore: number;
  version: string;
}

function learnerAttempts(db: Executor, userId: number, moduleSlug: string): LearnerAttempt[] {
  return db
    .select({ id: quizAttempts.id, score: quizAttempts.score, maxScore: quizAttempts.maxScore, version: quizAttempts.quizVersion })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.moduleSlug, moduleSlug)))
    .orderBy(asc(quizAttempts.number))
    .all();
}

/** The module's kept grade by the rules reconcileQuizCredit applies: those of the latest attempt's version. */
function keptGrade(attempts: LearnerAttempt[], rules: ReadonlyMap<string, Pick<Quiz, 'grading' | 'passingScore'>>) {
  const latest = attempts.at(-1);
  const quiz = latest ? rules.get(latest.version) : undefined;
  if (!quiz) return { grade: null, passed: false };
  return moduleGrade(quiz, attempts);
}

function loadRules(db: Executor, moduleSlug: string): Map<string, Pick<Quiz, 'grading' | 'passingScore'>> {
  return new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(eq(quizVersions.moduleSlug, moduleSlug))
      .all()
      .map((v) => {
        const { grading, passingScore } = JSON.parse(v.definition) as Pick<Quiz, 'grading' | 'passingScore'>;
        return [v.hash, { grading, passingScore }];
      }),
  );
}

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

/**
 * Regrades, with the current quiz, every submitted attempt the actor may act on whose questions
 * were graded with another definition of them. Each attempt runs in its own IMMEDIATE
 * transaction that reads it again, checks the actor's rights again (a learner may have left the
 * cohort since the preview), writes the new grades, records the regrade, reconciles the hours
 * credit and appends the audit entry. Idempotent: a second run finds nothing left to regrade.
 * `expectedVersion` is the version the preview showed: if the quiz changed since, nothing is done.
 */
export async function regradeQuiz(
  db: Db,
  input: { moduleSlug: string; quiz: Quiz; actorId: number; expectedVersion?: string; now?: Date },
): Promise<RegradeOutcome> {
  const { staff } = requireRegrader(db, input.actorId);
  const version = quizVersionHash(input.quiz);
  if (input.expectedVersion !== undefined && input.expectedVersion !== version)
    throw new DomainError('regrade.versionChanged', {}, 'conflict');
  const now = input.now ?? new Date();
  db.insert(quizVersions)
    .values({ hash: version, moduleSlug: input.moduleSlug, definition: JSON.stringify(input.quiz), createdAt: now })
    .onConflictDoNothing()
    .run();
  const current = questionsById(input.quiz);
  const definitions = loadDefinitions(db, input.moduleSlug);
  const rules = loadRules(db, input.moduleSlug);
  const ids = loadCandidates(db, input.moduleSlug, input.actorId, staff).map((c) => c.id);
  const outcome: RegradeOutcome = { regraded: 0, changed: 0, passesReversed: 0, passesGained: 0 };
  for (const attemptId of ids) {
    const done = db.transaction((tx) => regradeOne(tx, { ...input, attemptId, staff, version, current, definitions, rules, now }), {
      behavior: 'immediate',
    });
    if (done) {
      outcome.regraded++;
      if (done.changed) outcome.changed++;
      if (done.passedBefore && !done.passedAfter) outcome.passesReversed++;
      if (!done.passedBefore && done.passedAfter) outcome.passesGained++;
    }
    // Let other requests in between two attempts.
    await nextTurn();
  }
  return outcome;
}

function regradeOne(
  tx: Executor,
  input: {
    moduleSlug: string;
    actorId: number;
    attemptId: number;
    staff: boolean;
    version: string;
    current: ReadonlyMap<string, Question>;
    definitions: ReadonlyMap<string, ReadonlyMap<string, Question>>;
    rules: ReadonlyMap<string, Pick<Quiz, 'grading' | 'passingScore'>>;
    now: Date;
  },
): { changed: boolean; passedBefore: boolean; passedAfter: boolean } | null {
  // Read again with the teaching rule applied inside the transaction: a learner who left the cohort since is skipped.
  const candidate = loadCandidates(tx, input.moduleSlug, input.actorId, input.staff, input.attemptId)[0];
  if (!candidate) return null;
  const plan = planAttemptRegrade(candidate, candidate.responses, input.definitions, input.current, input.version);
  if (plan.questions.length === 0) return null;
  const before = keptGrade(learnerAttempts(tx, candidate.userId, input.moduleSlug), input.rules);
  for (const q of plan.questions) {
    tx.update(quizResponses)
      .set({ score: q.scoreAfter, fraction: q.fractionAfter, regradedVersion: input.version, regradedAt: input.now })
      .where(and(eq(quizResponses.attemptId, candidate.id), eq(quizResponses.questionId, q.questionId)))
      .run();
  }
  tx.update(quizAttempts).set({ score: plan.scoreAfter, maxScore: plan.maxScoreAfter }).where(eq(quizAttempts.id, candidate.id)).run();
  const after = keptGrade(learnerAttempts(tx, candidate.userId, input.moduleSlug), input.rules);
  const questions = plan.questions.map((q) => ({
    question: q.questionId,
    fromVersion: q.fromVersion,
    before: q.scoreBefore,
    after: q.scoreAfter,
    pointsBefore: q.pointsBefore,
    pointsAfter: q.pointsAfter,
  }));
  tx.insert(quizRegrades)
    .values({
      attemptId: candidate.id,
      userId: candidate.userId,
      moduleSlug: input.moduleSlug,
      quizVersion: input.version,
      questions: JSON.stringify(questions),
      scoreBefore: plan.scoreBefore,
      scoreAfter: plan.scoreAfter,
      maxScoreBefore: plan.maxScoreBefore,
      maxScoreAfter: plan.maxScoreAfter,
      modulePassedBefore: before.passed,
      modulePassedAfter: after.passed,
      actorId: input.actorId,
      regradedAt: input.now,
    })
    .run();
  reconcileQuizCredit(tx, {
    userId: candidate.userId,
    moduleSlug: input.moduleSlug,
    actorId: input.actorId,
    at: input.now,
    reason: before.passed !== after.passed ? t(after.passed ? 'hours.reason.regradePassed' : 'hours.reason.regradeFailed') : undefined,
  });
  const changed = planChangesGrades(plan);
  if (changed) {
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'quiz.regraded',
      subjectUserId: candidate.userId,
      cohortId: candidate.cohortId,
      details: {
        module: input.moduleSlug,
        attempt: candidate.number,
        version: input.version,
        questions,
        scoreBefore: plan.scoreBefore,
        scoreAfter: plan.scoreAfter,
        maxScoreBefore: plan.maxScoreBefore,
        maxScoreAfter: plan.maxScoreAfter,
        modulePassedBefore: before.passed,
        modulePassedAfter: after.passed,
      },
      at: input.now,
    });
  }
  return { changed, passedBefore: before.passed, passedAfter: after.passed };
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

export interface RegradeOutcome {
  /** Attempts regraded with the current version. */
  regraded: number;
  /** Of those, the ones whose grade moved. */
  changed: number;
  /** Learners whose module pass was reversed, or gained. */
  passesReversed: number;
  passesGained: number;
}
