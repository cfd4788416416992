import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { quizAttempts, quizRegrades, quizResponses, quizVersions } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Question, Quiz } from '../../content/quiz-schema.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { reconcileQuizCredit } from '../hours/credits.ts';
import { quizVersionHash } from './draw.ts';
import { planAttemptRegrade, planChangesGrades, questionsById } from './regrade-plan.ts';
import { keptGrade, learnerAttempts, loadCandidates, loadDefinitions, loadRules, requireRegrader } from './regrade-scope.ts';

/**
 * Regrading after a key error (issue 16, docs/decisions/007). When quiz.yaml is corrected, the
 * current quiz is a new version; the submitted attempts whose questions were graded with another
 * definition of those questions can be previewed and then regraded. Each attempt is regraded in a
 * short transaction of its own, with the event loop free between two, so a large cohort never
 * holds the server; the credit moves through reconcileQuizCredit (a reversal or a new credit,
 * never an edit), the old grades go to the audit log and to quiz_regrades, and certificates are
 * never touched (certificates/regrade-review.ts flags the ones a reversed pass rests on).
 */

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

export interface RegradeOutcome {
  /** Attempts regraded with the current version. */
  regraded: number;
  /** Of those, the ones whose grade moved. */
  changed: number;
  /** Learners whose module pass was reversed, or gained. */
  passesReversed: number;
  passesGained: number;
}
