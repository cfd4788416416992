import { and, asc, eq } from 'drizzle-orm';
import { cohorts, enrollments, fieldPractices, users } from '../../../../db/schema/index.ts';
import { formatCalendarDate, todayInMexico } from '../../format.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { setCredit } from './ledger.ts';
import { requirePracticeRecorder } from './ledger-access.ts';
import { type HoursPlan, planModule } from './plan.ts';

/**
 * Supervised field practice (issue #13): an instructor of the cohort, or coordination, records an
 * accompanied inspection with its date, hours, rubric score and evidence, and it credits the
 * module's practice budget as the reference `practice:<id>`. The row, the credit and the audit
 * entry are written in one transaction. A practice longer than what is left of the budget is kept
 * whole as evidence and credited up to the budget, with the ledger saying so.
 */

export interface PracticeInput {
  actorId: number;
  userId: number;
  cohortId: number;
  moduleSlug: string;
  /** YYYY-MM-DD in Mexico City. */
  practicedOn: string;
  minutes: number;
  rubricScore: number | null;
  evidenceNote: string;
  now?: Date;
}

export function recordFieldPractice(db: Db, plan: HoursPlan, input: PracticeInput): { id: number; creditedMinutes: number } {
  const now = input.now ?? new Date();
  const module = planModule(plan, input.moduleSlug);
  if (!module) throw new DomainError('hours.module.unknown', {}, 'invalid');
  if (module.budget.practice <= 0) throw new DomainError('hours.practice.noBudget', { number: module.number }, 'invalid');
  if (!Number.isInteger(input.minutes) || input.minutes <= 0 || input.minutes % 15 !== 0)
    throw new DomainError('hours.adjust.step', {}, 'invalid');
  if (input.rubricScore !== null && !(input.rubricScore >= 0 && input.rubricScore <= 100))
    throw new DomainError('hours.practice.rubric', {}, 'invalid');
  const evidenceNote = input.evidenceNote.trim();
  if (!evidenceNote) throw new DomainError('hours.practice.evidenceRequired', {}, 'invalid');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.practicedOn) || input.practicedOn > todayInMexico(now)) {
    throw new DomainError('hours.practice.future', {}, 'invalid');
  }
  return db.transaction(
    (tx) => {
      requirePracticeRecorder(tx, input.actorId, input.userId, input.cohortId);
      const enrollment = tx
        .select({ id: enrollments.id, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
        .from(enrollments)
        .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
        .where(and(eq(enrollments.userId, input.userId), eq(enrollments.cohortId, input.cohortId)))
        .get();
      if (!enrollment) throw new DomainError('hours.practice.notEnrolled', {}, 'conflict');
      if (input.practicedOn < enrollment.startsOn || input.practicedOn > enrollment.endsOn) {
        throw new DomainError(
          'hours.practice.outsideCohort',
          { start: formatCalendarDate(enrollment.startsOn), end: formatCalendarDate(enrollment.endsOn) },
          'invalid',
        );
      }
      const row = tx
        .insert(fieldPractices)
        .values({
          userId: input.userId,
          enrollmentId: enrollment.id,
          moduleSlug: input.moduleSlug,
          practicedOn: input.practicedOn,
          minutes: input.minutes,
          rubricScore: input.rubricScore,
          evidenceNote,
          recordedBy: input.actorId,
          recordedAt: now,
        })
        .returning({ id: fieldPractices.id })
        .get();
      const creditedMinutes = setCredit(tx, {
        userId: input.userId,
        programSlug: plan.programSlug,
        moduleSlug: input.moduleSlug,
        source: 'practice',
        budget: 'practice',
        ref: `practice:${row.id}`,
        refMinutes: input.minutes,
        enrollmentId: enrollment.id,
        recordedBy: input.actorId,
        at: now,
        targetMinutes: input.minutes,
      });
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'practice.recorded',
        subjectUserId: input.userId,
        cohortId: input.cohortId,
        details: { module: input.moduleSlug, minutes: input.minutes, practicedOn: input.practicedOn },
        at: now,
      });
      return { id: row.id, creditedMinutes };
    },
    { behavior: 'immediate' },
  );
}

export interface FieldPracticeView {
  id: number;
  moduleSlug: string;
  practicedOn: string;
  minutes: number;
  rubricScore: number | null;
  evidenceNote: string;
  recordedByName: string;
  cohortName: string;
}

/** A person's field practices, oldest first, for their ledger page. */
export function listFieldPractices(db: Executor, userId: number): FieldPracticeView[] {
  return db
    .select({
      id: fieldPractices.id,
      moduleSlug: fieldPractices.moduleSlug,
      practicedOn: fieldPractices.practicedOn,
      minutes: fieldPractices.minutes,
      rubricScore: fieldPractices.rubricScore,
      evidenceNote: fieldPractices.evidenceNote,
      recordedByName: users.fullName,
      cohortName: cohorts.name,
    })
    .from(fieldPractices)
    .innerJoin(users, eq(users.id, fieldPractices.recordedBy))
    .innerJoin(enrollments, eq(enrollments.id, fieldPractices.enrollmentId))
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .where(eq(fieldPractices.userId, userId))
    .orderBy(asc(fieldPractices.practicedOn), asc(fieldPractices.id))
    .all();
}
