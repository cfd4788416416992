import { and, asc, eq, sql } from 'drizzle-orm';
import { attendance, cohortInstructors, cohorts, enrollments, hourBudgets, liveSessions, userRoles } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import { isStaff } from '../cohorts/teaching.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { newCheckinSecret, sessionEndsAt } from './check-in-code.ts';

/**
 * Live sessions of a cohort (issue #13): scheduled, changed and cancelled by an instructor who
 * teaches the cohort, or by coordination (decision 010). Roles are read from the database, so a
 * revoked role counts at once. Every change is audited.
 */

/** Whether this person may schedule the cohort's sessions and take their attendance. */
export function mayManageSessions(db: Executor, actorId: number, cohortId: number): boolean {
  if (isStaff(db, actorId)) return true;
  return Boolean(
    db
      .select({ one: sql`1` })
      .from(cohortInstructors)
      .innerJoin(userRoles, and(eq(userRoles.userId, cohortInstructors.userId), eq(userRoles.role, 'instructor')))
      .where(and(eq(cohortInstructors.cohortId, cohortId), eq(cohortInstructors.userId, actorId)))
      .get(),
  );
}

export function requireSessionManager(db: Executor, actorId: number, cohortId: number): void {
  if (!mayManageSessions(db, actorId, cohortId)) throw new DomainError('error.forbidden', {}, 'forbidden');
}

export interface SessionFields {
  moduleSlug: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  mode: 'virtual' | 'in_person';
  /** The https link (virtual) or the place (in person). */
  location: string;
}

export interface LiveSession extends SessionFields {
  id: number;
  cohortId: number;
  cohortName: string;
  programSlug: string;
  endsAt: Date;
  cancelledAt: Date | null;
  /** People with attendance recorded. */
  recorded: number;
}

const sessionColumns = (db: Executor) => ({
  id: liveSessions.id,
  cohortId: liveSessions.cohortId,
  cohortName: cohorts.name,
  programSlug: cohorts.programSlug,
  moduleSlug: liveSessions.moduleSlug,
  title: liveSessions.title,
  startsAt: liveSessions.startsAt,
  durationMinutes: liveSessions.durationMinutes,
  mode: liveSessions.mode,
  location: liveSessions.location,
  cancelledAt: liveSessions.cancelledAt,
  recorded: db.$count(attendance, eq(attendance.sessionId, liveSessions.id)),
});

function withEnd<T extends { startsAt: Date; durationMinutes: number }>(row: T): T & { endsAt: Date } {
  return { ...row, endsAt: sessionEndsAt(row) };
}

/** A session with its cohort, or null. Never its check-in secret (see `getCheckinSecret`). */
export function getSession(db: Executor, id: number): LiveSession | null {
  const row = db
    .select(sessionColumns(db))
    .from(liveSessions)
    .innerJoin(cohorts, eq(cohorts.id, liveSessions.cohortId))
    .where(eq(liveSessions.id, id))
    .get();
  return row ? withEnd(row) : null;
}

/** The cohort's sessions, oldest first (the page splits them into upcoming and held). */
export function listCohortSessions(db: Executor, cohortId: number): LiveSession[] {
  return db
    .select(sessionColumns(db))
    .from(liveSessions)
    .innerJoin(cohorts, eq(cohorts.id, liveSessions.cohortId))
    .where(eq(liveSessions.cohortId, cohortId))
    .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id))
    .all()
    .map(withEnd);
}

/** The secret behind the check-in code: for the staff page only. */
export function getCheckinSecret(db: Executor, sessionId: number): string | null {
  return db.select({ secret: liveSessions.checkinSecret }).from(liveSessions).where(eq(liveSessions.id, sessionId)).get()?.secret ?? null;
}

/** Throws unless the module is one of the program's (its hours budget exists). */
function requireModule(db: Executor, programSlug: string, moduleSlug: string): void {
  const known = db
    .select({ one: sql`1` })
    .from(hourBudgets)
    .where(and(eq(hourBudgets.programSlug, programSlug), eq(hourBudgets.moduleSlug, moduleSlug)))
    .get();
  if (!known) throw new DomainError('sessions.module.unknown', {}, 'invalid');
}

export function scheduleSession(db: Db, input: SessionFields & { cohortId: number; actorId: number; now?: Date }): { id: number } {
  return db.transaction((tx) => {
    const cohort = tx.select({ programSlug: cohorts.programSlug }).from(cohorts).where(eq(cohorts.id, input.cohortId)).get();
    if (!cohort) throw new DomainError('sessions.notFound', {}, 'not-found');
    requireSessionManager(tx, input.actorId, input.cohortId);
    requireModule(tx, cohort.programSlug, input.moduleSlug);
    const now = input.now ?? new Date();
    const { id } = tx
      .insert(liveSessions)
      .values({
        cohortId: input.cohortId,
        moduleSlug: input.moduleSlug,
        title: input.title,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        mode: input.mode,
        location: input.location,
        checkinSecret: newCheckinSecret(),
        createdBy: input.actorId,
        createdAt: now,
      })
      .returning({ id: liveSessions.id })
      .get();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'session.scheduled',
      cohortId: input.cohortId,
      details: { sessionId: id, title: input.title, module: input.moduleSlug, startsAt: input.startsAt.toISOString() },
      at: now,
    });
    return { id };
  });
}

/** A session the actor may manage, or a DomainError (not found, forbidden, cancelled). */
export function requireManagedSession(tx: Executor, sessionId: number, actorId: number): LiveSession {
  const session = getSession(tx, sessionId);
  if (!session) throw new DomainError('sessions.notFound', {}, 'not-found');
  requireSessionManager(tx, actorId, session.cohortId);
  if (session.cancelledAt) throw new DomainError('sessions.cancelled', {}, 'conflict');
  return session;
}

/**
 * Changes a session. Once attendance is recorded its module, start and duration stay: the hours
 * credited were computed from them (correct attendance instead); title and link or place may change.
 */
export function updateSession(db: Db, input: SessionFields & { id: number; actorId: number; now?: Date }): void {
  db.transaction((tx) => {
    const session = requireManagedSession(tx, input.id, input.actorId);
    requireModule(tx, session.programSlug, input.moduleSlug);
    const timingChanged =
      session.moduleSlug !== input.moduleSlug ||
      session.startsAt.getTime() !== input.startsAt.getTime() ||
      session.durationMinutes !== input.durationMinutes;
    if (timingChanged && session.recorded > 0) throw new DomainError('sessions.lockedByAttendance', {}, 'conflict');
    tx.update(liveSessions)
      .set({
        moduleSlug: input.moduleSlug,
        title: input.title,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        mode: input.mode,
        location: input.location,
      })
      .where(eq(liveSessions.id, input.id))
      .run();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'session.updated',
      cohortId: session.cohortId,
      details: { sessionId: input.id, title: input.title, module: input.moduleSlug, startsAt: input.startsAt.toISOString() },
      at: input.now,
    });
  });
}

/** Cancels a session with its reason. One with attendance recorded cannot be cancelled: its hours stand. */
export function cancelSession(db: Db, input: { id: number; actorId: number; reason: string; now?: Date }): void {
  db.transaction((tx) => {
    const session = requireManagedSession(tx, input.id, input.actorId);
    if (session.recorded > 0) throw new DomainError('sessions.cancelAfterAttendance', {}, 'conflict');
    const now = input.now ?? new Date();
    tx.update(liveSessions).set({ cancelledAt: now }).where(eq(liveSessions.id, input.id)).run();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'session.cancelled',
      cohortId: session.cohortId,
      reason: input.reason,
      details: { sessionId: input.id, title: session.title, module: session.moduleSlug },
      at: now,
    });
  });
}

/** Whether the person may open a session's learner page: actively enrolled in its cohort, or with attendance recorded there. */
export function isLearnerOfSession(db: Executor, userId: number, sessionId: number): boolean {
  const session = db.select({ cohortId: liveSessions.cohortId }).from(liveSessions).where(eq(liveSessions.id, sessionId)).get();
  if (!session) return false;
  const enrolled = db
    .select({ one: sql`1` })
    .from(enrollments)
    .where(and(eq(enrollments.cohortId, session.cohortId), eq(enrollments.userId, userId), eq(enrollments.status, 'active')))
    .get();
  const recorded = db
    .select({ one: sql`1` })
    .from(attendance)
    .where(and(eq(attendance.sessionId, sessionId), eq(attendance.userId, userId)))
    .get();
  return Boolean(enrolled || recorded);
}

/** Every session of the cohorts where the person is actively enrolled, oldest first (their sessions page). */
export function listLearnerSessions(db: Executor, userId: number): LiveSession[] {
  return db
    .select(sessionColumns(db))
    .from(liveSessions)
    .innerJoin(cohorts, eq(cohorts.id, liveSessions.cohortId))
    .innerJoin(
      enrollments,
      and(eq(enrollments.cohortId, liveSessions.cohortId), eq(enrollments.userId, userId), eq(enrollments.status, 'active')),
    )
    .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id))
    .all()
    .map(withEnd);
}
