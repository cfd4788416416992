import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { quizAttempts, quizResponses, quizVersions, userRoles, users } from '../../../../db/schema/index.ts';
import { type Question, type Quiz, quizSchema } from '../../content/quiz-schema.ts';
import { isStaff, taughtBy } from '../cohorts/teaching.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import type { Response } from './grading.ts';
import { moduleGrade } from './module-grade.ts';
import { questionsById, type StoredResponse } from './regrade-plan.ts';

/**
 * What a regrade reads (quizzes/regrade.ts, regrade-preview.ts): who may regrade, the attempts in
 * their reach with the version each response was graded with, every version of the quiz, and a
 * learner's kept module grade by the rules reconcileQuizCredit applies.
 */

/** Instructors (for the learners they teach) and coordination may regrade; nobody else sees anything. */
export function requireRegrader(db: Executor, actorId: number): { staff: boolean } {
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
export function loadDefinitions(db: Executor, moduleSlug: string): Map<string, Map<string, Question>> {
  return new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(eq(quizVersions.moduleSlug, moduleSlug))
      .all()
      .map((v) => [v.hash, questionsById(quizSchema.parse(JSON.parse(v.definition)))]),
  );
}

export interface Candidate {
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
export function loadCandidates(db: Executor, moduleSlug: string, actorId: number, staff: boolean, attemptId?: number): Candidate[] {
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

export interface LearnerAttempt {
  id: number;
  score: number | null;
  maxScore: number;
  version: string;
}

export function learnerAttempts(db: Executor, userId: number, moduleSlug: string): LearnerAttempt[] {
  return db
    .select({ id: quizAttempts.id, score: quizAttempts.score, maxScore: quizAttempts.maxScore, version: quizAttempts.quizVersion })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.moduleSlug, moduleSlug)))
    .orderBy(asc(quizAttempts.number))
    .all();
}

/** The module's kept grade by the rules reconcileQuizCredit applies: those of the latest attempt's version. */
export function keptGrade(attempts: LearnerAttempt[], rules: ReadonlyMap<string, Pick<Quiz, 'grading' | 'passingScore'>>) {
  const latest = attempts.at(-1);
  const quiz = latest ? rules.get(latest.version) : undefined;
  if (!quiz) return { grade: null, passed: false };
  return moduleGrade(quiz, attempts);
}

export function loadRules(db: Executor, moduleSlug: string): Map<string, Pick<Quiz, 'grading' | 'passingScore'>> {
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
