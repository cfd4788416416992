import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { cohortInstructors, cohorts, enrollments, userRoles, users } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { jsonListPlaceholder } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';

export const DEFAULT_PROGRAM_SLUG = 'diplomado-inspeccion-federal';

export interface CohortInput {
  name: string;
  startsOn: string;
  endsOn: string;
  instructorIds: number[];
  programSlug?: string;
}

export interface CohortSummary {
  id: number;
  name: string;
  programSlug: string;
  startsOn: string;
  endsOn: string;
  activeCount: number;
  instructors: { id: number; fullName: string }[];
}

export type CohortStatus = 'upcoming' | 'running' | 'finished';

/** Where a cohort stands on a given Mexico City calendar day. */
export function cohortStatus(cohort: { startsOn: string; endsOn: string }, today: string): CohortStatus {
  if (today < cohort.startsOn) return 'upcoming';
  if (today > cohort.endsOn) return 'finished';
  return 'running';
}

function assertInstructors(db: Executor, ids: number[]): void {
  if (ids.length === 0) return;
  const found = db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(inArray(userRoles.userId, ids), eq(userRoles.role, 'instructor')))
    .all();
  if (found.length !== new Set(ids).size) throw new DomainError('cohort.notInstructor', {}, 'invalid');
}

function assertNameFree(db: Executor, name: string, exceptId?: number): void {
  const existing = db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.name, name)).get();
  if (existing && existing.id !== exceptId) throw new DomainError('cohort.nameTaken', { name });
}

export function createCohort(db: Db, input: CohortInput & { actorId: number | null; now?: Date }): { id: number } {
  return db.transaction((tx) => insertCohort(tx, input));
}

/** Creates a cohort inside the caller's transaction (the demo seed creates several in one). */
export function insertCohort(tx: Executor, input: CohortInput & { actorId: number | null; now?: Date }): { id: number } {
  const now = input.now ?? new Date();
  if (input.endsOn < input.startsOn) throw new DomainError('cohort.endsBeforeStart', {}, 'invalid');
  assertNameFree(tx, input.name);
  assertInstructors(tx, input.instructorIds);
  const row = tx
    .insert(cohorts)
    .values({
      programSlug: input.programSlug ?? DEFAULT_PROGRAM_SLUG,
      name: input.name,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdBy: input.actorId,
      createdAt: now,
    })
    .returning({ id: cohorts.id })
    .get();
  const instructorIds = [...new Set(input.instructorIds)];
  if (instructorIds.length > 0) {
    tx.insert(cohortInstructors)
      .values(instructorIds.map((userId) => ({ cohortId: row.id, userId })))
      .run();
  }
  appendAuditEntry(tx, {
    actorId: input.actorId,
    action: 'cohort.created',
    cohortId: row.id,
    details: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, instructorIds },
    at: now,
  });
  return row;
}

export function updateCohort(db: Db, input: CohortInput & { id: number; actorId: number; now?: Date }): void {
  const now = input.now ?? new Date();
  if (input.endsOn < input.startsOn) throw new DomainError('cohort.endsBeforeStart', {}, 'invalid');
  db.transaction((tx) => {
    const before = tx.select().from(cohorts).where(eq(cohorts.id, input.id)).get();
    if (!before) throw new DomainError('cohort.notFound', {}, 'not-found');
    assertNameFree(tx, input.name, input.id);
    assertInstructors(tx, input.instructorIds);
    const instructorIds = [...new Set(input.instructorIds)];
    const previous = tx
      .select({ userId: cohortInstructors.userId })
      .from(cohortInstructors)
      .where(eq(cohortInstructors.cohortId, input.id))
      .all()
      .map((r) => r.userId);
    tx.update(cohorts).set({ name: input.name, startsOn: input.startsOn, endsOn: input.endsOn }).where(eq(cohorts.id, input.id)).run();
    tx.delete(cohortInstructors).where(eq(cohortInstructors.cohortId, input.id)).run();
    if (instructorIds.length > 0) {
      tx.insert(cohortInstructors)
        .values(instructorIds.map((userId) => ({ cohortId: input.id, userId })))
        .run();
    }
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'cohort.updated',
      cohortId: input.id,
      details: {
        before: { name: before.name, startsOn: before.startsOn, endsOn: before.endsOn, instructorIds: previous },
        after: { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn, instructorIds },
      },
      at: now,
    });
  });
}

function summarize(db: Db, rows: Omit<CohortSummary, 'instructors'>[]): CohortSummary[] {
  if (rows.length === 0) return [];
  const instructors = instructorsQuery(db).all({ ids: JSON.stringify(rows.map((r) => r.id)) });
  return rows.map((r) => ({
    ...r,
    instructors: instructors.filter((i) => i.cohortId === r.id).map(({ id, fullName }) => ({ id, fullName })),
  }));
}

/** The instructors of the cohorts whose ids `ids` lists (a JSON list, json-list.ts). */
const instructorsQuery = preparedOnce((db) =>
  db
    .select({ cohortId: cohortInstructors.cohortId, id: users.id, fullName: users.fullName })
    .from(cohortInstructors)
    .innerJoin(users, eq(users.id, cohortInstructors.userId))
    .where(inArray(cohortInstructors.cohortId, jsonListPlaceholder('ids')))
    .orderBy(asc(users.sortKey))
    .prepare(),
);

/**
 * A cohort's columns and its active enrollment count. The count is a correlated subquery built
 * with the query builder: in a raw `sql` template, Drizzle 0.45 drops the table names of a
 * single-table select, and `cohort_id = id` then compared enrollments with themselves (issue #11).
 */
function summaryColumns(db: Db) {
  return {
    id: cohorts.id,
    name: cohorts.name,
    programSlug: cohorts.programSlug,
    startsOn: cohorts.startsOn,
    endsOn: cohorts.endsOn,
    activeCount: db.$count(enrollments, and(eq(enrollments.cohortId, cohorts.id), eq(enrollments.status, 'active'))),
  };
}

/** Every cohort, newest first, with its active enrollment count and instructors. */
export function listCohorts(db: Db): CohortSummary[] {
  return summarize(db, db.select(summaryColumns(db)).from(cohorts).orderBy(desc(cohorts.startsOn), asc(cohorts.name)).all());
}

export function listCohortsTaughtBy(db: Db, userId: number): CohortSummary[] {
  return summarize(db, taughtByQuery(db).all({ userId }));
}

export function getCohort(db: Db, id: number): CohortSummary | null {
  const row = cohortQuery(db).get({ id });
  return row ? (summarize(db, [row])[0] ?? null) : null;
}

// The instructor's home and every cohort page ask these: prepared once per connection.
const taughtByQuery = preparedOnce((db) =>
  db
    .select(summaryColumns(db))
    .from(cohorts)
    .innerJoin(cohortInstructors, eq(cohortInstructors.cohortId, cohorts.id))
    .where(eq(cohortInstructors.userId, sql.placeholder('userId')))
    .orderBy(desc(cohorts.startsOn), asc(cohorts.name))
    .prepare(),
);
const cohortQuery = preparedOnce((db) =>
  db
    .select(summaryColumns(db))
    .from(cohorts)
    .where(eq(cohorts.id, sql.placeholder('id')))
    .prepare(),
);

export function isCohortInstructor(db: Db, cohortId: number, userId: number): boolean {
  return Boolean(
    db
      .select({ one: sql`1` })
      .from(cohortInstructors)
      .where(and(eq(cohortInstructors.cohortId, cohortId), eq(cohortInstructors.userId, userId)))
      .get(),
  );
}

/** People with the instructor role, for the cohort form. */
export function listInstructors(db: Db): { id: number; fullName: string }[] {
  return db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'instructor')))
    .orderBy(asc(users.sortKey))
    .all();
}
