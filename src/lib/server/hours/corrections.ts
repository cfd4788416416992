import { and, eq, sql } from 'drizzle-orm';
import { enrollments, type HourBudget, hoursLedger } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { formatHours } from '../../format.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { enrollmentForCredit, recordAdjustment, setCredit } from './ledger.ts';
import { requireHoursCorrector } from './ledger-access.ts';
import { type HoursPlan, planModule } from './plan.ts';

/**
 * Corrections to a person's hours by coordination (decision 015): a manual adjustment of a
 * module's budget, or the reversal of one credited reference. Each is a new ledger entry with its
 * reason, written with its audit entry in one IMMEDIATE transaction, after the rights and the
 * budget are checked inside it. Adjustments go in quarters of an hour; one that the budget
 * cannot take is refused with the hours that are left, never silently clipped.
 */

/** Hours are adjusted in quarters of an hour (0.25 h). */
export const ADJUSTMENT_STEP_MINUTES = 15;

export interface AdjustmentInput {
  actorId: number;
  userId: number;
  moduleSlug: string;
  budget: HourBudget;
  /** Signed; a multiple of 15. */
  minutes: number;
  reason: string;
  now?: Date;
}

export function adjustHours(db: Db, plan: HoursPlan, input: AdjustmentInput): { minutes: number } {
  const module = planModule(plan, input.moduleSlug);
  if (!module) throw new DomainError('hours.module.unknown', {}, 'invalid');
  if (input.minutes === 0 || input.minutes % ADJUSTMENT_STEP_MINUTES !== 0) throw new DomainError('hours.adjust.step', {}, 'invalid');
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('hours.reasonRequired', {}, 'invalid');
  return db.transaction(
    (tx) => {
      requireHoursCorrector(tx, input.actorId, input.userId);
      const enrollmentId = requireEnrollment(tx, input.userId, plan.programSlug);
      const budgetMinutes = module.budget[input.budget];
      const credited = net(tx, input.userId, plan.programSlug, { moduleSlug: input.moduleSlug, budget: input.budget });
      if (input.minutes > budgetMinutes - credited) {
        throw new DomainError('hours.adjust.overBudget', { left: hours(budgetMinutes - credited), budget: budgetLabel(input.budget) });
      }
      const adjusted = net(tx, input.userId, plan.programSlug, {
        source: 'adjustment',
        ref: `adjustment:${input.moduleSlug}:${input.budget}`,
      });
      if (-input.minutes > adjusted) throw new DomainError('hours.adjust.belowAdjustments', { adjusted: hours(adjusted) });
      const minutes = recordAdjustment(tx, {
        userId: input.userId,
        programSlug: plan.programSlug,
        moduleSlug: input.moduleSlug,
        budget: input.budget,
        enrollmentId,
        recordedBy: input.actorId,
        minutes: input.minutes,
        reason,
        budgetMinutes,
        at: input.now,
      });
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'hours.adjusted',
        subjectUserId: input.userId,
        cohortId: cohortOf(tx, enrollmentId),
        reason,
        details: { module: input.moduleSlug, minutes, budget: input.budget },
        at: input.now,
      });
      return { minutes };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Reverses what one entry's reference credited (a lesson, a quiz, a session, a practice): its net
 * credit goes to 0 with the reason. Adjustments are taken back with a negative adjustment instead.
 */
export function reverseCredit(db: Db, input: { actorId: number; entryId: number; reason: string; now?: Date }): { minutes: number } {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('hours.reasonRequired', {}, 'invalid');
  return db.transaction(
    (tx) => {
      const entry = tx.select().from(hoursLedger).where(eq(hoursLedger.id, input.entryId)).get();
      if (!entry) throw new DomainError('hours.entry.notFound', {}, 'not-found');
      requireHoursCorrector(tx, input.actorId, entry.userId);
      if (entry.source === 'adjustment') throw new DomainError('hours.reverse.adjustment', {}, 'conflict');
      const before = net(tx, entry.userId, entry.programSlug, { source: entry.source, ref: entry.ref });
      if (before <= 0) throw new DomainError('hours.reverse.nothing', {}, 'conflict');
      setCredit(tx, { ...entry, recordedBy: input.actorId, at: input.now, targetMinutes: 0, reason });
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'hours.reversed',
        subjectUserId: entry.userId,
        cohortId: cohortOf(tx, entry.enrollmentId),
        reason,
        details: { module: entry.moduleSlug, minutes: -before, budget: entry.budget, source: entry.source, ref: entry.ref },
        at: input.now,
      });
      return { minutes: -before };
    },
    { behavior: 'immediate' },
  );
}

function requireEnrollment(tx: Executor, userId: number, programSlug: string): number {
  const id = enrollmentForCredit(tx, userId, programSlug);
  if (id === null) throw new DomainError('hours.notEnrolled', {}, 'conflict');
  return id;
}

function cohortOf(tx: Executor, enrollmentId: number): number | null {
  return tx.select({ cohortId: enrollments.cohortId }).from(enrollments).where(eq(enrollments.id, enrollmentId)).get()?.cohortId ?? null;
}

function net(
  tx: Executor,
  userId: number,
  programSlug: string,
  by: { moduleSlug: string; budget: HourBudget } | { source: string; ref: string },
): number {
  const where =
    'budget' in by
      ? and(eq(hoursLedger.moduleSlug, by.moduleSlug), eq(hoursLedger.budget, by.budget))
      : and(eq(hoursLedger.source, by.source as 'adjustment'), eq(hoursLedger.ref, by.ref));
  return (
    tx
      .select({ net: sql<number>`coalesce(sum(${hoursLedger.minutes}), 0)` })
      .from(hoursLedger)
      .where(and(eq(hoursLedger.userId, userId), eq(hoursLedger.programSlug, programSlug), where))
      .get()?.net ?? 0
  );
}

function hours(minutes: number): string {
  return formatHours(Math.max(0, minutes));
}

function budgetLabel(budget: HourBudget): string {
  return t(`hours.budget.${budget}`);
}
