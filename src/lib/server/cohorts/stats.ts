import { eq, sql } from 'drizzle-orm';
import { cohorts, enrollments, users } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';

export interface CoordinationStats {
  people: number;
  cohorts: number;
  activeEnrollments: number;
}

export function getCoordinationStats(db: Db): CoordinationStats {
  const count = (q: { n: number } | undefined) => q?.n ?? 0;
  return {
    people: count(db.select({ n: sql<number>`count(*)` }).from(users).get()),
    cohorts: count(db.select({ n: sql<number>`count(*)` }).from(cohorts).get()),
    activeEnrollments: count(db.select({ n: sql<number>`count(*)` }).from(enrollments).where(eq(enrollments.status, 'active')).get()),
  };
}
