import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditLog, cohorts, users } from '../../../../db/schema/index.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db, Executor } from '../db.ts';
import { jsonList } from '../json-list.ts';
import { containsTerm, searchTerms } from '../search/terms.ts';

export const AUDIT_ACTIONS = [
  'account.created',
  'account.updated',
  'account.invited',
  'account.passwordResetRequested',
  'account.passwordReset',
  'role.granted',
  'role.revoked',
  'cohort.created',
  'cohort.updated',
  'enrollment.created',
  'enrollment.withdrawn',
  'enrollment.reenrolled',
  'enrollment.imported',
  'quiz.override',
  'quiz.overrideRevoked',
  'quiz.essayGraded',
  'quiz.regraded',
  'mail.retried',
  'hours.adjusted',
  'hours.reversed',
  'session.scheduled',
  'session.updated',
  'session.cancelled',
  'attendance.recorded',
  'attendance.corrected',
  'practice.recorded',
  'certificate.issued',
  'certificate.revoked',
  'certificate.reissued',
  'eligibility.exception',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntryInput {
  actorId: number | null;
  action: AuditAction;
  subjectUserId?: number | null;
  cohortId?: number | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Appends one entry. There is deliberately no update or delete: the log is a ledger. */
export function appendAuditEntry(db: Executor, entry: AuditEntryInput): void {
  db.insert(auditLog).values(auditRow(entry)).run();
}

/** Appends many entries (a CSV import writes three per person); call inside a transaction. */
export function appendAuditEntries(db: Db, entries: readonly AuditEntryInput[]): void {
  const insert = prepareInsert(db, auditLog, ['at', 'actorId', 'action', 'subjectUserId', 'cohortId', 'reason', 'details']);
  for (const entry of entries) insert(auditRow(entry));
}

function auditRow(entry: AuditEntryInput): typeof auditLog.$inferInsert {
  return {
    at: entry.at ?? new Date(),
    actorId: entry.actorId,
    action: entry.action,
    subjectUserId: entry.subjectUserId ?? null,
    cohortId: entry.cohortId ?? null,
    reason: entry.reason?.trim() || null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

export interface AuditFilter {
  action?: AuditAction;
  actorId?: number;
  subjectUserId?: number;
  cohortId?: number;
  /**
   * Words from a search box: an entry matches when the person who acted or the person it is about
   * has every word in their name, email or CURP, without regard to accents or case.
   */
  person?: string;
  /** Inclusive lower bound and exclusive upper bound. */
  from?: Date;
  to?: Date;
  page?: number;
  pageSize?: number;
}

export interface AuditEntryView {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  subjectName: string | null;
  subjectUserId: number | null;
  cohortId: number | null;
  cohortName: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

export function listAuditEntries(db: Db, filter: AuditFilter = {}): { entries: AuditEntryView[]; total: number } {
  const pageSize = filter.pageSize ?? 50;
  const page = Math.max(1, filter.page ?? 1);
  const terms = searchTerms(filter.person);
  const matching =
    terms.length > 0
      ? db
          .select({ id: users.id })
          .from(users)
          .where(and(...terms.map((term) => containsTerm(users.searchText, term))))
      : null;
  const where = and(
    matching ? or(inArray(auditLog.subjectUserId, matching), inArray(auditLog.actorId, matching)) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
    filter.subjectUserId ? eq(auditLog.subjectUserId, filter.subjectUserId) : undefined,
    filter.cohortId ? eq(auditLog.cohortId, filter.cohortId) : undefined,
    filter.from ? gte(auditLog.at, filter.from) : undefined,
    filter.to ? lt(auditLog.at, filter.to) : undefined,
  );
  const actor = alias(users, 'actor');
  const subject = alias(users, 'subject');
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: actor.fullName,
      subjectName: subject.fullName,
      subjectUserId: auditLog.subjectUserId,
      cohortId: auditLog.cohortId,
      cohortName: cohorts.name,
      reason: auditLog.reason,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectUserId))
    .leftJoin(cohorts, eq(cohorts.id, auditLog.cohortId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  return {
    entries: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null })),
    total,
  };
}

/** Names of the people an entry's details mention by id (a cohort's instructors), in one query. */
export function getMentionedNames(db: Db, entries: readonly Pick<AuditEntryView, 'details'>[]): Map<number, string> {
  const ids = new Set<number>();
  const collect = (value: unknown) => {
    if (Array.isArray(value)) for (const id of value) if (typeof id === 'number') ids.add(id);
  };
  for (const { details } of entries) {
    collect(details?.instructorIds);
    for (const side of ['before', 'after']) collect((details?.[side] as Record<string, unknown> | undefined)?.instructorIds);
  }
  if (ids.size === 0) return new Map();
  const rows = db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(inArray(users.id, jsonList([...ids])))
    .all();
  return new Map(rows.map((r) => [r.id, r.fullName]));
}
