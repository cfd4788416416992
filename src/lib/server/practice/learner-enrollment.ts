import { and, desc, eq } from 'drizzle-orm';
import { cohorts, enrollments, users } from '../../../../db/schema/index.ts';
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

/** A person's full name, for the reviewer's heading. */
export function getUserName(db: Executor, userId: number): string {
  return db.select({ fullName: users.fullName }).from(users).where(eq(users.id, userId)).get()?.fullName ?? '';
}
