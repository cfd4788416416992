import { and, asc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { cohorts, enrollments, quizAttempts, quizResponses, quizVersions, users } from '../../../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../content/quiz-schema.ts';
import { isStaff, taughtBy } from '../cohorts/teaching.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { jsonListPlaceholder } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';
import { closeExpiredAttempts } from './attempts.ts';
import { type AttemptItems, itemStatistics, type ItemStatistics } from './item-analysis.ts';
import { moduleGrade } from './module-grade.ts';

export interface GradebookCell {
  grade: number | null;
  passed: boolean;
  attempts: number;
  pending: number;
  /** An attempt is open and its time has not run out. */
  inProgress: boolean;
  /** The latest attempt was closed by its deadline, graded with what was saved. */
  closedByDeadline: boolean;
  /** The learner's latest attempt in this cohort (the one the cell opens); null before any. */
  latestAttemptId: number | null;
}

export interface GradebookRow {
  userId: number;
  fullName: string;
  email: string;
  state: string;
  cells: Record<string, GradebookCell>;
}

/**
 * A cohort's gradebook: every active learner × every module quiz, with the module grade by the
 * quiz's own method (highest, last, average), pass/fail, attempts and essays awaiting grading.
 * Only the attempts taken in this cohort count: an attempt belongs to its own cohort's
 * instructors (cohorts/teaching.ts), so a learner who moved here brings no earlier attempts.
 * Attempts whose time ran out are closed first, so an expired attempt shows its grade.
 */
export function getCohortGradebook(
  db: Db,
  cohortId: number,
  quizzes: { moduleSlug: string; quiz: Quiz }[],
  now = new Date(),
): GradebookRow[] {
  closeExpiredAttempts(db, { cohortId }, now);
  const queries = gradebookQueries(db);
  const learners = queries.learners.all({ cohortId });
  const attempts = learners.length ? queries.attempts.all({ cohortId, ids: JSON.stringify(learners.map((l) => l.userId)) }) : [];
  // Each learner's attempts per module, in attempt order, grouped once (not filtered per cell).
  const cellAttempts = Map.groupBy(attempts, (a) => `${a.userId}:${a.moduleSlug}`);
  return learners.map((l) => ({
    ...l,
    cells: Object.fromEntries(
      quizzes.map(({ moduleSlug, quiz }) => {
        const mine = cellAttempts.get(`${l.userId}:${moduleSlug}`) ?? [];
        const { grade, passed } = moduleGrade(quiz, mine);
        return [
          moduleSlug,
          {
            grade,
            passed,
            attempts: mine.length,
            pending: mine.filter((a) => a.submittedAt && a.score === null).length,
            inProgress: mine.some((a) => !a.submittedAt),
            closedByDeadline: mine.at(-1)?.closedBy === 'deadline',
            latestAttemptId: mine.at(-1)?.id ?? null,
          },
        ];
      }),
    ),
  }));
}

/** A cohort's learners and their attempts, on every view of the gradebook: prepared once per connection. */
const gradebookQueries = preparedOnce((db) => ({
  learners: db
    .select({ userId: users.id, fullName: users.fullName, email: users.email, state: users.state })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.cohortId, sql.placeholder('cohortId')), eq(enrollments.status, 'active')))
    .orderBy(asc(users.sortKey))
    .prepare(),
  attempts: db
    .select({
      id: quizAttempts.id,
      userId: quizAttempts.userId,
      moduleSlug: quizAttempts.moduleSlug,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
      submittedAt: quizAttempts.submittedAt,
      closedBy: quizAttempts.closedBy,
    })
    .from(quizAttempts)
    .where(and(inArray(quizAttempts.userId, jsonListPlaceholder('ids')), eq(quizAttempts.cohortId, sql.placeholder('cohortId'))))
    .orderBy(asc(quizAttempts.number))
    .prepare(),
}));

export interface PendingEssay {
  attemptId: number;
  questionId: string;
  moduleSlug: string;
  learnerName: string;
  submittedAt: Date;
  /** The attempt's cohort, null for an attempt taken outside any cohort. */
  cohortId: number | null;
  cohortName: string | null;
}

/**
 * Essays waiting for a grade, oldest first, from attempts the instructor may grade: the learner
 * is actively enrolled in the attempt's own cohort and the instructor teaches it (teaching.ts).
 * Attempts whose time ran out are closed first: their open answers wait here like any other.
 */
export function listPendingEssays(db: Db, instructorId: number, now = new Date()): PendingEssay[] {
  closeExpiredAttempts(db, {}, now);
  return pendingForInstructor(db)
    .all({ instructorId })
    .map((r) => ({ ...r, submittedAt: r.submittedAt as Date }));
}

/** On the instructor's home at every view: prepared once per connection. */
const pendingForInstructor = preparedOnce((db) =>
  pendingEssaysQuery(db, taughtBy(db, sql.placeholder('instructorId'), quizAttempts.userId, quizAttempts.cohortId)).prepare(),
);

/**
 * Every essay waiting for a grade, of one cohort when given, for coordination: it may grade any
 * learner's work (teaching.ts), including a withdrawn learner's that no instructor may grade any
 * more (decision 010). Anyone else gets a forbidden error.
 */
export function listPendingEssaysForCoordination(
  db: Db,
  viewerId: number,
  scope: { cohortId?: number } = {},
  now = new Date(),
): PendingEssay[] {
  if (!isStaff(db, viewerId)) throw new DomainError('error.forbidden', {}, 'forbidden');
  closeExpiredAttempts(db, scope.cohortId === undefined ? {} : { cohortId: scope.cohortId }, now);
  return pendingEssays(db, scope.cohortId === undefined ? undefined : eq(quizAttempts.cohortId, scope.cohortId));
}

/** Ungraded open answers of sent attempts that meet `where`, oldest first. */
function pendingEssays(db: Db, where: SQL | undefined): PendingEssay[] {
  return pendingEssaysQuery(db, where)
    .all()
    .map((r) => ({ ...r, submittedAt: r.submittedAt as Date }));
}

function pendingEssaysQuery(db: Db, where: SQL | undefined) {
  return db
    .select({
      attemptId: quizAttempts.id,
      questionId: quizResponses.questionId,
      moduleSlug: quizAttempts.moduleSlug,
      learnerName: users.fullName,
      submittedAt: quizAttempts.submittedAt,
      cohortId: quizAttempts.cohortId,
      cohortName: cohorts.name,
    })
    .from(quizResponses)
    .innerJoin(quizAttempts, eq(quizAttempts.id, quizResponses.attemptId))
    .innerJoin(users, eq(users.id, quizAttempts.userId))
    .leftJoin(cohorts, eq(cohorts.id, quizAttempts.cohortId))
    .where(and(isNull(quizResponses.score), isNotNull(quizAttempts.submittedAt), where))
    .orderBy(asc(quizAttempts.submittedAt), asc(quizAttempts.id));
}

/** Item statistics of a module's quiz over the graded attempts this instructor may see (teaching.ts). */
export function getItemStatistics(
  db: Db,
  moduleSlug: string,
  instructorId: number,
  now = new Date(),
): { stats: ItemStatistics[]; questions: Map<string, Quiz['pools'][number]['questions'][number]>; attempts: number } {
  closeExpiredAttempts(db, { moduleSlug }, now);
  const attempts = db
    .select({ id: quizAttempts.id, version: quizAttempts.quizVersion })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.moduleSlug, moduleSlug),
        isNotNull(quizAttempts.score),
        taughtBy(db, instructorId, quizAttempts.userId, quizAttempts.cohortId),
      ),
    )
    .all();
  if (attempts.length === 0) return { stats: [], questions: new Map(), attempts: 0 };
  const versions = new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(eq(quizVersions.moduleSlug, moduleSlug))
      .all()
      .map((v) => [v.hash, quizSchema.parse(JSON.parse(v.definition))]),
  );
  const questions = new Map([...versions.values()].flatMap((q) => q.pools.flatMap((p) => p.questions)).map((q) => [q.id, q]));
  const ids = attempts.map((a) => a.id);
  const responses = ids.length ? db.select().from(quizResponses).where(inArray(quizResponses.attemptId, ids)).all() : [];
  const items: AttemptItems[] = attempts.map((a) => {
    const mine = responses.filter((r) => r.attemptId === a.id);
    return {
      fractions: new Map(mine.filter((r) => r.fraction !== null).map((r) => [r.questionId, r.fraction as number])),
      choices: new Map(
        mine.map((r) => {
          const parsed = r.response ? (JSON.parse(r.response) as { type: string; optionId?: string | null; optionIds?: string[] }) : null;
          return [
            r.questionId,
            parsed?.type === 'single'
              ? parsed.optionId
                ? [parsed.optionId]
                : []
              : parsed?.type === 'multiple'
                ? (parsed.optionIds ?? [])
                : [],
          ];
        }),
      ),
    };
  });
  return { stats: itemStatistics(items), questions, attempts: attempts.length };
}
