import { and, desc, eq } from 'drizzle-orm';
import { cohorts, enrollments } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';

/** The cohort an attempt counts for: the learner's active enrollment in the program, newest first. */
export function getActiveCohortId(db: Db, userId: number, programSlug: string): number | null {
  return (
    db
      .select({ id: cohorts.id })
      .from(enrollments)
      .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
      .where(and(eq(enrollments.userId, userId), eq(enrollments.status, 'active'), eq(cohorts.programSlug, programSlug)))
      .orderBy(desc(cohorts.startsOn))
      .get()?.id ?? null
  );
}
