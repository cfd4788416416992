import { and, eq, sql } from 'drizzle-orm';
import { cohorts, enrollments } from '../../../../db/schema/index.ts';
import { hasAnyRole } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { preparedOnce } from '../prepared.ts';

export type CourseAccess = { kind: 'learner' } | { kind: 'staff' } | { kind: 'none' };

/**
 * Who may study a program: an inspector with an active enrollment in one of its cohorts, or
 * the staff (instructors, coordination, admins), who also see drafts.
 */
export function getCourseAccess(db: Db, user: SessionUser, programSlug: string): CourseAccess {
  if (hasAnyRole(user, ['instructor', 'coordinator', 'admin'])) return { kind: 'staff' };
  if (!user.roles.includes('inspector')) return { kind: 'none' };
  return enrollmentQuery(db).get({ userId: user.id, programSlug }) ? { kind: 'learner' } : { kind: 'none' };
}

/** Asked on every course page: prepared once per connection. */
const enrollmentQuery = preparedOnce((db) =>
  db
    .select({ one: sql`1` })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(
      and(
        eq(enrollments.userId, sql.placeholder('userId')),
        eq(enrollments.status, 'active'),
        eq(cohorts.programSlug, sql.placeholder('programSlug')),
      ),
    )
    .prepare(),
);
