import { and, desc, eq, sql } from 'drizzle-orm';
import { cohorts, enrollments } from '../../../../db/schema/index.ts';
import { hasAnyRole } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db, Executor } from '../db.ts';
import { preparedOnce } from '../prepared.ts';
import { cohortStartsAt } from '../quizzes/availability.ts';

export type CourseAccess = { kind: 'learner'; cohort: { name: string; startsOn: string } } | { kind: 'staff' } | { kind: 'none' };

/**
 * Who may study a program: an inspector with an active enrollment in one of its cohorts (the
 * newest, as for attempts: quizzes/learner-cohort.ts), or the staff (instructors, coordination,
 * admins), who also see drafts. A cohort that has not started yet still gives access to read
 * (docs/decisions/012-before-a-cohort-starts.md); its quizzes open on its first day.
 */
export function getCourseAccess(db: Db, user: SessionUser, programSlug: string): CourseAccess {
  if (hasAnyRole(user, ['instructor', 'coordinator', 'admin'])) return { kind: 'staff' };
  if (!user.roles.includes('inspector')) return { kind: 'none' };
  const cohort = newestActiveCohort(db, user.id, programSlug);
  return cohort ? { kind: 'learner', cohort: { name: cohort.name, startsOn: cohort.startsOn } } : { kind: 'none' };
}

/** The newest cohort of the program where the person is actively enrolled, or null. */
export function newestActiveCohort(
  db: Executor,
  userId: number,
  programSlug: string,
): { id: number; name: string; startsOn: string } | null {
  return enrollmentQuery(db).get({ userId, programSlug }) ?? null;
}

/** Asked on every course page: prepared once per connection. */
const enrollmentQuery = preparedOnce((db) =>
  db
    .select({ id: cohorts.id, name: cohorts.name, startsOn: cohorts.startsOn })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(
      and(
        eq(enrollments.userId, sql.placeholder('userId')),
        eq(enrollments.status, 'active'),
        eq(cohorts.programSlug, sql.placeholder('programSlug')),
      ),
    )
    .orderBy(desc(cohorts.startsOn))
    .limit(1)
    .prepare(),
);

/** The learner's cohort while it has not started yet (they may read; quizzes wait), else null. */
export function getCohortNotStarted(access: CourseAccess, now = new Date()): { name: string; startsOn: string } | null {
  return access.kind === 'learner' && now < cohortStartsAt(access.cohort.startsOn) ? access.cohort : null;
}
