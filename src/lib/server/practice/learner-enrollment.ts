import { and, desc, eq, inArray } from 'drizzle-orm';
import { cohorts, enrollments, type Role, userRoles, users } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';

export interface PracticeEnrollment {
  cohortId: number;
  enrollmentId: number;
}

/**
 * The cohort a practice attempt counts for: the learner's active enrollment, newest cohort
 * first (as quizzes do). Its instructors are the ones who see and review the attempt.
 */
export function getPracticeEnrollment(db: Executor, userId: number): PracticeEnrollment | null {
  return (
    db
      .select({ cohortId: enrollments.cohortId, enrollmentId: enrollments.id })
      .from(enrollments)
      .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
      .where(and(eq(enrollments.userId, userId), eq(enrollments.status, 'active')))
      .orderBy(desc(cohorts.startsOn))
      .get() ?? null
  );
}

/** Throws unless the learner is actively enrolled: practice belongs to a cohort. */
export function requirePracticeEnrollment(db: Executor, userId: number): PracticeEnrollment {
  const enrollment = getPracticeEnrollment(db, userId);
  if (!enrollment) throw new DomainError('practice.notEnrolled', {}, 'forbidden');
  return enrollment;
}

/**
 * Where a practice attempt belongs: a learner's cohort and enrollment, or a staff member's preview
 * (issue 15). A preview has neither, so it credits no hours (no enrollment to credit), appears in no
 * cohort's list, dashboard or eligibility (they all select by cohort), and reads "vista previa".
 */
export type PracticeSeat =
  | { preview: false; cohortId: number; enrollmentId: number }
  | { preview: true; cohortId: null; enrollmentId: null };

/** The roles that try the exercises as a preview, as they read the course as staff (course/access.ts). */
export const PREVIEW_ROLES = ['instructor', 'coordinator', 'admin'] as const;

/** Who may post a practice exercise's forms: learners for their cohort, staff as a preview. */
export const PRACTICE_ROLES: readonly Role[] = ['inspector', ...PREVIEW_ROLES];

/** Whether the person practises as a preview: staff, whatever else they hold (staff wins, as in course access). */
export function isPracticePreviewer(db: Executor, userId: number): boolean {
  return Boolean(
    db
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), inArray(userRoles.role, [...PREVIEW_ROLES])))
      .get(),
  );
}

/** The seat of a new attempt: a preview for staff, the active enrollment for a learner; throws for anyone else. */
export function requirePracticeSeat(db: Executor, userId: number): PracticeSeat {
  if (isPracticePreviewer(db, userId)) return { preview: true, cohortId: null, enrollmentId: null };
  return { preview: false, ...requirePracticeEnrollment(db, userId) };
}

/** Whether a stored attempt is a staff preview: it has no enrollment (every learner's attempt has one). */
export function isPreviewAttempt(attempt: { enrollmentId: number | null }): boolean {
  return attempt.enrollmentId === null;
}

/** A person's full name, for the reviewer's heading. */
export function getUserName(db: Executor, userId: number): string {
  return db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId)).get()?.fullName ?? '';
}
