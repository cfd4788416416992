import { and, asc, eq, exists, gte, inArray, ne, sql } from 'drizzle-orm';
import { todayInMexico } from '../../format.ts';
import { cohortInstructors, cohorts, enrollments, userRoles, users } from '../../../../db/schema/index.ts';
import { assertMayActOn } from '../accounts/may-act-on.ts';
import { containsTerm, searchTerms } from '../search/terms.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { jsonList } from '../json-list.ts';
import { preparedOnce } from '../prepared.ts';

interface EnrollmentChange {
  cohortId: number;
  userId: number;
  /** Who acts: they must be allowed to act on the person's account (decision 008); null for the system. */
  actorId: number | null;
  reason?: string | null;
  /**
   * Why the person is enrolled here while still active in another running cohort of the same
   * program; without it such an enrollment is refused (issue #12). Audited as the reason.
   */
  concurrentReason?: string | null;
  now?: Date;
}

function requireCohort(db: Executor, cohortId: number): void {
  if (!db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId)).get()) {
    throw new DomainError('cohort.notFound', {}, 'not-found');
  }
}

function requirePerson(db: Executor, userId: number): { fullName: string; isInspector: boolean } {
  const row = db
    .select({
      fullName: users.fullName,
      isInspector: exists(
        db
          .select({ one: sql`1` })
          .from(userRoles)
          .where(and(eq(userRoles.userId, users.id), eq(userRoles.role, 'inspector'))),
      ).mapWith(Number),
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!row) throw new DomainError('people.notFound', {}, 'not-found');
  return { fullName: row.fullName, isInspector: Boolean(row.isInspector) };
}

function findEnrollment(db: Executor, cohortId: number, userId: number) {
  return db
    .select({ id: enrollments.id, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.userId, userId)))
    .get();
}

/**
 * Another cohort of the same program, not yet ended on `today`, where the person is actively
 * enrolled: taking the program twice at once is usually a mistake (issue #12).
 */
export function findConcurrentEnrollment(
  db: Executor,
  cohortId: number,
  userId: number,
  today: string,
): { cohortId: number; name: string } | null {
  return findConcurrentEnrollments(db, cohortId, [userId], today).get(userId) ?? null;
}

/** `findConcurrentEnrollment` for many people at once (the CSV import): the earliest such cohort of each. */
export function findConcurrentEnrollments(
  db: Executor,
  cohortId: number,
  userIds: readonly number[],
  today: string,
): Map<number, { cohortId: number; name: string }> {
  const found = new Map<number, { cohortId: number; name: string }>();
  const target = db.select({ programSlug: cohorts.programSlug }).from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!target || userIds.length === 0) return found;
  const rows = db
    .select({ userId: enrollments.userId, cohortId: cohorts.id, name: cohorts.name })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(
      and(
        inArray(enrollments.userId, jsonList(userIds)),
        eq(enrollments.status, 'active'),
        ne(enrollments.cohortId, cohortId),
        eq(cohorts.programSlug, target.programSlug),
        gte(cohorts.endsOn, today),
      ),
    )
    .orderBy(asc(cohorts.startsOn))
    .all();
  for (const { userId, ...cohort } of rows) if (!found.has(userId)) found.set(userId, cohort);
  return found;
}

/**
 * Enrolls an inspector in a cohort. A person already active is refused; a withdrawn one is
 * re-enrolled. Runs inside the caller's transaction when given one (the CSV import does).
 */
export function enrollInspector(db: Executor, input: EnrollmentChange): { status: 'enrolled' | 'reenrolled' } {
  const now = input.now ?? new Date();
  requireCohort(db, input.cohortId);
  const person = requirePerson(db, input.userId);
  if (input.actorId !== null) assertMayActOn(db, input.actorId, input.userId);
  if (!person.isInspector) throw new DomainError('enrollment.notInspector', { name: person.fullName });
  const existing = findEnrollment(db, input.cohortId, input.userId);
  if (existing?.status === 'active') throw new DomainError('enrollment.alreadyEnrolled', { name: person.fullName });
  const concurrent = findConcurrentEnrollment(db, input.cohortId, input.userId, todayInMexico(now));
  const concurrentReason = input.concurrentReason?.trim();
  if (concurrent && !concurrentReason) {
    throw new DomainError('enrollment.activeElsewhere', { name: person.fullName, cohort: concurrent.name }, 'conflict');
  }
  if (existing) {
    db.update(enrollments).set({ status: 'active', enrolledAt: now, withdrawnAt: null }).where(eq(enrollments.id, existing.id)).run();
  } else {
    db.insert(enrollments).values({ cohortId: input.cohortId, userId: input.userId, status: 'active', enrolledAt: now }).run();
  }
  appendAuditEntry(db, {
    actorId: input.actorId,
    action: existing ? 'enrollment.reenrolled' : 'enrollment.created',
    subjectUserId: input.userId,
    cohortId: input.cohortId,
    reason: concurrent ? [input.reason, concurrentReason].filter(Boolean).join(' · ') : input.reason,
    at: now,
  });
  return { status: existing ? 'reenrolled' : 'enrolled' };
}

/** Withdraws (da de baja) an inspector; the enrollment row and its history stay. */
export function withdrawInspector(db: Db, input: EnrollmentChange): void {
  const now = input.now ?? new Date();
  db.transaction((tx) => {
    const person = requirePerson(tx, input.userId);
    if (input.actorId !== null) assertMayActOn(tx, input.actorId, input.userId);
    const existing = findEnrollment(tx, input.cohortId, input.userId);
    if (!existing) throw new DomainError('enrollment.notEnrolled', {}, 'not-found');
    if (existing.status === 'withdrawn') throw new DomainError('enrollment.alreadyWithdrawn', { name: person.fullName });
    tx.update(enrollments).set({ status: 'withdrawn', withdrawnAt: now }).where(eq(enrollments.id, existing.id)).run();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'enrollment.withdrawn',
      subjectUserId: input.userId,
      cohortId: input.cohortId,
      reason: input.reason,
      at: now,
    });
  });
}

/** Re-enrolls a withdrawn inspector. */
export function reenrollInspector(db: Db, input: EnrollmentChange): void {
  db.transaction((tx) => {
    const existing = findEnrollment(tx, input.cohortId, input.userId);
    if (!existing) throw new DomainError('enrollment.notEnrolled', {}, 'not-found');
    enrollInspector(tx, input);
  });
}

export function enrollInspectorOne(db: Db, input: EnrollmentChange): { status: 'enrolled' | 'reenrolled' } {
  return db.transaction((tx) => enrollInspector(tx, input));
}

export interface RosterQuery {
  query?: string;
  status?: 'active' | 'withdrawn';
  page?: number;
  pageSize?: number;
}

export interface RosterRow {
  userId: number;
  fullName: string;
  email: string;
  state: string;
  office: string;
  status: 'active' | 'withdrawn';
  enrolledAt: Date;
  withdrawnAt: Date | null;
}

export function getRoster(
  db: Db,
  cohortId: number,
  q: RosterQuery = {},
): { rows: RosterRow[]; total: number; page: number; pages: number } {
  const pageSize = q.pageSize ?? 50;
  const terms = searchTerms(q.query);
  if (terms.length === 0) {
    // Without a search, the prepared statements below (the cohort pages and the instructor's home).
    const status = q.status ?? null;
    const total = rosterQueries.count(db).get({ cohortId, status })?.n ?? 0;
    return rosterPage(total, q.page, pageSize, (limit, offset) => rosterQueries.page(db).all({ cohortId, status, limit, offset }));
  }
  const where = and(
    eq(enrollments.cohortId, cohortId),
    q.status ? eq(enrollments.status, q.status) : undefined,
    ...terms.map((term) => containsTerm(users.searchText, term)),
  );
  const total =
    db.select({ n: sql<number>`count(*)` }).from(enrollments).innerJoin(users, eq(users.id, enrollments.userId)).where(where).get()?.n ?? 0;
  return rosterPage(total, q.page, pageSize, (limit, offset) =>
    db
      .select(rosterColumns)
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.userId))
      .where(where)
      .orderBy(asc(enrollments.sortKey), asc(enrollments.userId))
      .limit(limit)
      .offset(offset)
      .all(),
  );
}

/** The page asked for (the last one when past the end) of `total` rows, and its rows. */
function rosterPage(
  total: number,
  askedPage: number | undefined,
  pageSize: number,
  rowsOf: (limit: number, offset: number) => RosterRow[],
): { rows: RosterRow[]; total: number; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, askedPage ?? 1), pages);
  return { rows: rowsOf(pageSize, (page - 1) * pageSize), total, page, pages };
}

const rosterColumns = {
  userId: users.id,
  fullName: users.fullName,
  email: users.email,
  state: users.state,
  office: users.office,
  status: enrollments.status,
  enrolledAt: enrollments.enrolledAt,
  withdrawnAt: enrollments.withdrawnAt,
};

/**
 * `status` null means every enrollment, as an absent filter does in getRoster. Rows come in name
 * order from enrollments_cohort_sort_idx (the enrollment's copy of users.sort_key, kept by the
 * triggers of migration 0015): a page of 50 is read, not a cohort sorted.
 */
const statusMatches = sql`(${sql.placeholder('status')} is null or ${enrollments.status} = ${sql.placeholder('status')})`;
const rosterQueries = {
  count: preparedOnce((db) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(enrollments)
      .where(and(eq(enrollments.cohortId, sql.placeholder('cohortId')), statusMatches))
      .prepare(),
  ),
  page: preparedOnce((db) =>
    db
      .select(rosterColumns)
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.userId))
      .where(and(eq(enrollments.cohortId, sql.placeholder('cohortId')), statusMatches))
      .orderBy(asc(enrollments.sortKey), asc(enrollments.userId))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(),
  ),
};

export interface LearnerCohort {
  cohortId: number;
  name: string;
  programSlug: string;
  startsOn: string;
  endsOn: string;
  status: 'active' | 'withdrawn';
  instructors: string | null;
}

/** The cohorts an inspector is or was enrolled in, newest first. */
export function listLearnerCohorts(db: Db, userId: number): LearnerCohort[] {
  return learnerCohortsQuery(db).all({ userId });
}

/** Asked by the learner's home on every view: prepared once per connection. */
const learnerCohortsQuery = preparedOnce((db) =>
  db
    .select({
      cohortId: cohorts.id,
      name: cohorts.name,
      programSlug: cohorts.programSlug,
      startsOn: cohorts.startsOn,
      endsOn: cohorts.endsOn,
      status: enrollments.status,
      instructors: sql<string | null>`(${db
        .select({ names: sql`group_concat(${users.fullName}, ', ')` })
        .from(cohortInstructors)
        .innerJoin(users, eq(users.id, cohortInstructors.userId))
        .where(eq(cohortInstructors.cohortId, cohorts.id))})`,
    })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(eq(enrollments.userId, sql.placeholder('userId')))
    .orderBy(sql`${cohorts.startsOn} desc`)
    .prepare(),
);
