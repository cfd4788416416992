import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cohorts, enrollments, type HourBudget, type HourSource, hourBudgets, hoursLedger, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Db, Executor } from '../db.ts';
import { preparedOnce } from '../prepared.ts';

/**
 * The hours ledger (DESIGN.md, "Hours are a ledger"; docs/decisions/014-hours-budget.md). Every
 * credited minute is an entry; totals are sums; a correction is a new entry. The database keeps
 * the rules too (migration 0008): no UPDATE or DELETE, a reference's net credit within
 * 0..refMinutes, a budget's within its minutes. These functions stay inside those rules, so the
 * triggers only ever fire on a bug.
 */

/** The budget a source counts against; adjustments name theirs. */
export const BUDGET_OF_SOURCE: Record<Exclude<HourSource, 'adjustment'>, HourBudget> = {
  lesson: 'study',
  quiz: 'evaluation',
  live_session: 'live',
  practice: 'practice',
};

export interface CreditTarget {
  userId: number;
  programSlug: string;
  moduleSlug: string;
  source: HourSource;
  budget: HourBudget;
  /** What is credited: a lesson id, a module slug (its quiz), `session:12`, `practice:3`… */
  ref: string;
  /** The most the reference is worth, net. */
  refMinutes: number;
  enrollmentId: number;
  /** Null when Aula credits by itself. */
  recordedBy: number | null;
  at?: Date;
}

/**
 * Brings a reference's net credit to `targetMinutes` (0 reverses it), with one new entry for the
 * difference: a credit clipped to what is left of the module's budget, or a negative entry with
 * its reason. Idempotent: asking twice for the same target writes once. Returns the net credit
 * after the change. Runs in an IMMEDIATE transaction (or inside the caller's), so the sums it
 * reads cannot move before it writes.
 */
export function setCredit(db: Executor, target: CreditTarget & { targetMinutes: number; reason?: string | null }): number {
  const run = (tx: Executor): number => {
    const wanted = Math.max(0, Math.min(Math.round(target.targetMinutes), target.refMinutes));
    const net = referenceNet(tx, target);
    if (wanted === net) return net;
    if (wanted < net) {
      insertEntry(tx, target, wanted - net, target.reason ?? null);
      return wanted;
    }
    const room = budgetRoom(tx, target);
    const minutes = Math.min(wanted - net, room);
    if (minutes <= 0) return net;
    const capped = minutes < wanted - net;
    const cappedNote = capped ? t('hours.reason.budgetCapped', { budget: t(`hours.budget.${target.budget}`) }) : null;
    const reason = [target.reason, cappedNote].filter(Boolean).join(' ') || null;
    insertEntry(tx, target, minutes, reason);
    return net + minutes;
  };
  return isTopLevel(db) ? (db as Db).transaction(run, { behavior: 'immediate' }) : run(db);
}

/** Credits a reference in full (a lesson completed, a quiz passed); a no-op when already credited. */
export function creditInFull(db: Executor, target: CreditTarget): number {
  return setCredit(db, { ...target, targetMinutes: target.refMinutes });
}

/**
 * A manual adjustment by staff, in minutes (negative to take back earlier adjustments), with its
 * reason. A module budget's adjustments share one reference, worth at most the budget, so an
 * adjustment never takes the budget below what the other sources credited: to undo a specific
 * credit (a lesson, a session) reverse that reference instead. Returns the minutes recorded.
 */
export function recordAdjustment(
  db: Executor,
  input: Omit<CreditTarget, 'source' | 'ref' | 'refMinutes'> & { minutes: number; reason: string; budgetMinutes: number },
): number {
  const run = (tx: Executor): number => {
    const target = {
      ...input,
      source: 'adjustment' as const,
      ref: `adjustment:${input.moduleSlug}:${input.budget}`,
      refMinutes: input.budgetMinutes,
    };
    const before = referenceNet(tx, target);
    return setCredit(tx, { ...target, targetMinutes: before + input.minutes, reason: input.reason }) - before;
  };
  return isTopLevel(db) ? (db as Db).transaction(run, { behavior: 'immediate' }) : run(db);
}

function insertEntry(tx: Executor, target: CreditTarget, minutes: number, reason: string | null): void {
  tx.insert(hoursLedger)
    .values({
      userId: target.userId,
      programSlug: target.programSlug,
      enrollmentId: target.enrollmentId,
      moduleSlug: target.moduleSlug,
      source: target.source,
      budget: target.budget,
      ref: target.ref,
      refMinutes: target.refMinutes,
      minutes,
      recordedBy: target.recordedBy,
      recordedAt: target.at ?? new Date(),
      reason,
    })
    .run();
}

/** Net minutes of a person's ledger in a program, narrowed by one more condition. */
function netMinutes(tx: Executor, person: Pick<CreditTarget, 'userId' | 'programSlug'>, narrowed: SQL | undefined): number {
  return (
    tx
      .select({ net: sql<number>`coalesce(sum(${hoursLedger.minutes}), 0)` })
      .from(hoursLedger)
      .where(and(eq(hoursLedger.userId, person.userId), eq(hoursLedger.programSlug, person.programSlug), narrowed))
      .get()?.net ?? 0
  );
}

function referenceNet(tx: Executor, target: Pick<CreditTarget, 'userId' | 'programSlug' | 'source' | 'ref'>): number {
  return netMinutes(tx, target, and(eq(hoursLedger.source, target.source), eq(hoursLedger.ref, target.ref)));
}

function budgetNet(tx: Executor, target: Pick<CreditTarget, 'userId' | 'programSlug' | 'moduleSlug' | 'budget'>): number {
  return netMinutes(tx, target, and(eq(hoursLedger.moduleSlug, target.moduleSlug), eq(hoursLedger.budget, target.budget)));
}

/** Minutes still creditable in a module's budget for a person. */
function budgetRoom(tx: Executor, target: Pick<CreditTarget, 'userId' | 'programSlug' | 'moduleSlug' | 'budget'>): number {
  const cap =
    tx
      .select({ minutes: hourBudgets.minutes })
      .from(hourBudgets)
      .where(
        and(
          eq(hourBudgets.programSlug, target.programSlug),
          eq(hourBudgets.moduleSlug, target.moduleSlug),
          eq(hourBudgets.budget, target.budget),
        ),
      )
      .get()?.minutes ?? 0;
  return cap - budgetNet(tx, target);
}

/** A Db (not a transaction handle): better-sqlite3's Database has `inTransaction`. */
function isTopLevel(db: Executor): boolean {
  const client = (db as Partial<Db>).$client;
  return client !== undefined && !client.inTransaction;
}

/**
 * The enrollment an hour is earned in: the given cohort's, or else the person's active
 * enrollment in a cohort of the program (the latest), or else their latest one. Null when the
 * person was never enrolled in the program (staff trying a lesson earn nothing).
 */
export function enrollmentForCredit(db: Executor, userId: number, programSlug: string, cohortId?: number | null): number | null {
  if (cohortId != null) {
    const row = db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.userId, userId), eq(enrollments.cohortId, cohortId)))
      .get();
    if (row) return row.id;
  }
  const row = db
    .select({ id: enrollments.id })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(and(eq(enrollments.userId, userId), eq(cohorts.programSlug, programSlug)))
    .orderBy(sql`${enrollments.status} = 'active' desc`, desc(enrollments.enrolledAt), desc(enrollments.id))
    .limit(1)
    .get();
  return row?.id ?? null;
}

export interface LedgerTotals {
  /** Net minutes of the whole program. */
  total: number;
  /** module slug → budget → net minutes. */
  byModule: Map<string, Map<HourBudget, number>>;
}

/** A person's credited minutes in a program, per module and budget: sums of the ledger. */
export function ledgerTotals(db: Executor, userId: number, programSlug: string): LedgerTotals {
  return totalsFrom(totalsQuery(db).all({ userId, programSlug }));
}

/** Read for the learner's home and every standing: prepared once per connection. */
const totalsQuery = preparedOnce((db) =>
  db
    .select({
      moduleSlug: hoursLedger.moduleSlug,
      budget: hoursLedger.budget,
      minutes: sql<number>`sum(${hoursLedger.minutes})`,
    })
    .from(hoursLedger)
    .where(and(eq(hoursLedger.userId, sql.placeholder('userId')), eq(hoursLedger.programSlug, sql.placeholder('programSlug'))))
    .groupBy(hoursLedger.moduleSlug, hoursLedger.budget)
    .prepare(),
);

/** Totals of many people at once (a cohort's dashboard): user id → totals. */
export function ledgerTotalsOf(db: Executor, userIds: readonly number[], programSlug: string): Map<number, LedgerTotals> {
  const result = new Map<number, LedgerTotals>(userIds.map((id) => [id, { total: 0, byModule: new Map() }]));
  if (userIds.length === 0) return result;
  const rows = db
    .select({
      userId: hoursLedger.userId,
      moduleSlug: hoursLedger.moduleSlug,
      budget: hoursLedger.budget,
      minutes: sql<number>`sum(${hoursLedger.minutes})`,
    })
    .from(hoursLedger)
    .where(and(inArray(hoursLedger.userId, [...userIds]), eq(hoursLedger.programSlug, programSlug)))
    .groupBy(hoursLedger.userId, hoursLedger.moduleSlug, hoursLedger.budget)
    .all();
  const byUser = new Map<number, typeof rows>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  for (const [userId, list] of byUser) result.set(userId, totalsFrom(list));
  return result;
}

function totalsFrom(rows: readonly { moduleSlug: string; budget: HourBudget; minutes: number }[]): LedgerTotals {
  const byModule = new Map<string, Map<HourBudget, number>>();
  let total = 0;
  for (const row of rows) {
    const budgets = byModule.get(row.moduleSlug) ?? new Map<HourBudget, number>();
    budgets.set(row.budget, row.minutes);
    byModule.set(row.moduleSlug, budgets);
    total += row.minutes;
  }
  return { total, byModule };
}

/** Net minutes of one module (all budgets) in a totals object. */
export function moduleMinutes(totals: LedgerTotals, moduleSlug: string): number {
  let sum = 0;
  for (const minutes of totals.byModule.get(moduleSlug)?.values() ?? []) sum += minutes;
  return sum;
}

export interface LedgerEntryView {
  id: number;
  moduleSlug: string;
  source: HourSource;
  budget: HourBudget;
  ref: string;
  minutes: number;
  recordedAt: Date;
  recordedByName: string | null;
  reason: string | null;
  cohortName: string;
}

/** A person's ledger in a program, line by line, oldest first. */
export function listLedgerEntries(db: Executor, userId: number, programSlug: string): LedgerEntryView[] {
  const recorder = alias(users, 'recorder');
  return db
    .select({
      id: hoursLedger.id,
      moduleSlug: hoursLedger.moduleSlug,
      source: hoursLedger.source,
      budget: hoursLedger.budget,
      ref: hoursLedger.ref,
      minutes: hoursLedger.minutes,
      recordedAt: hoursLedger.recordedAt,
      recordedByName: recorder.fullName,
      reason: hoursLedger.reason,
      cohortName: cohorts.name,
    })
    .from(hoursLedger)
    .innerJoin(enrollments, eq(enrollments.id, hoursLedger.enrollmentId))
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .leftJoin(recorder, eq(recorder.id, hoursLedger.recordedBy))
    .where(and(eq(hoursLedger.userId, userId), eq(hoursLedger.programSlug, programSlug)))
    .orderBy(asc(hoursLedger.recordedAt), asc(hoursLedger.id))
    .all();
}
