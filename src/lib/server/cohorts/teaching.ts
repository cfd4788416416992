import { and, eq, exists, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cohortInstructors, enrollments, userRoles } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';

/**
 * Who may teach whom (DESIGN.md, issue #11): an instructor's rights over a learner last while the
 * learner is actively enrolled in a cohort the instructor teaches, and over an attempt while the
 * learner is actively enrolled in the attempt's own cohort. A withdrawal ends them; re-enrolling
 * in another cohort gives them to that cohort's instructors, for that cohort's attempts only.
 * Coordination and administration keep theirs. Every page, action, queue, statistic and export
 * that shows or changes a learner's work asks here, and only here.
 */

/** The roles that may act on every learner's work. */
const STAFF_ROLES = ['coordinator', 'admin'] as const;

/** Where the teaching rights apply: any cohort, or one cohort (an attempt's). */
export interface TeachingScope {
  /** The attempt's cohort; null (an attempt taken outside any cohort) leaves it to coordination. */
  cohortId?: number | null;
}

/**
 * Active enrollments of `learner` in cohorts `instructorId` teaches while holding the instructor
 * role, limited to `cohort` when given. Built with the query builder, so every column keeps its
 * table name inside a correlated subquery (tests/unit/sql-subqueries.test.ts).
 */
function teachingEnrollments(
  db: Executor,
  instructorId: number | Placeholder,
  learner: SQLiteColumn | number,
  cohort?: SQLiteColumn | number,
) {
  return db
    .select({ one: sql`1` })
    .from(enrollments)
    .innerJoin(cohortInstructors, eq(cohortInstructors.cohortId, enrollments.cohortId))
    .innerJoin(userRoles, and(eq(userRoles.userId, cohortInstructors.userId), eq(userRoles.role, 'instructor')))
    .where(
      and(
        eq(enrollments.userId, learner),
        eq(enrollments.status, 'active'),
        eq(cohortInstructors.userId, instructorId),
        cohort === undefined ? undefined : eq(enrollments.cohortId, cohort),
      ),
    );
}

/**
 * The rule as a condition for lists (grading queue, item statistics): the learner in column
 * `learner` is taught by the instructor, in the cohort of column `cohort` when given.
 * The instructor may be a placeholder, for a statement prepared once (prepared.ts).
 * @example listPendingEssays: `taughtBy(db, sql.placeholder('instructorId'), quizAttempts.userId, quizAttempts.cohortId)`
 */
export function taughtBy(db: Executor, instructorId: number | Placeholder, learner: SQLiteColumn, cohort?: SQLiteColumn): SQL {
  return exists(teachingEnrollments(db, instructorId, learner, cohort));
}

/** Whether the learner is actively enrolled in a cohort this instructor teaches (in `scope.cohortId`, when given). */
export function isLearnerTaughtBy(db: Executor, learnerId: number, instructorId: number, scope: TeachingScope = {}): boolean {
  if (scope.cohortId === null) return false;
  return Boolean(teachingEnrollments(db, instructorId, learnerId, scope.cohortId).get());
}

/** Whether the person holds coordination or administration: they may see and grade every learner's work. */
export function isStaff(db: Executor, userId: number): boolean {
  return Boolean(
    db
      .select({ one: sql`1` })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), inArray(userRoles.role, [...STAFF_ROLES])))
      .get(),
  );
}

/** Whether this person may see and grade the learner's work: coordination, or an instructor who teaches them. */
export function mayTeach(db: Executor, actorId: number, learnerId: number, scope: TeachingScope = {}): boolean {
  return isStaff(db, actorId) || isLearnerTaughtBy(db, learnerId, actorId, scope);
}

/** Throws a forbidden DomainError unless `mayTeach`. Roles are read from the database, so a revoked role counts at once. */
export function requireTeacherOf(db: Executor, actorId: number, learnerId: number, scope: TeachingScope = {}): void {
  if (!mayTeach(db, actorId, learnerId, scope)) throw new DomainError('error.forbidden', {}, 'forbidden');
}
