import { and, asc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { certificates, eligibilityExceptions, enrollments, users } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { whatIsMissing } from '../hours/missing.ts';
import { getStandings, type Standing } from '../hours/standing.ts';
import { attendanceShare } from '../sessions/attendance-share.ts';
import { type CertificateContext, standingContextOf } from './context.ts';

/**
 * Who may receive a certificate in a cohort (issue 14, DESIGN.md): the program's hours, every
 * module quiz passed and the attendance share (program.yaml `certificate`), unless an exception
 * with a recorded reason waives a rule for the person. What is missing is said with the learner
 * home's own words (hours/missing.ts), computed on the standing with the waived rules taken as met,
 * practice inspections still to pass included (issue 15).
 */

export type EligibilityRule = 'hours' | 'attendance' | `quiz:${string}`;

/** The rules a person does not meet, before exceptions. */
export function unmetRules(standing: Standing): EligibilityRule[] {
  const rules: EligibilityRule[] = [];
  if (standing.creditedMinutes < standing.requiredMinutes) rules.push('hours');
  for (const m of standing.modules) if (m.quiz && m.quiz.status !== 'passed') rules.push(`quiz:${m.slug}`);
  const { share, required } = standing.attendance;
  if (share !== null && share < required) rules.push('attendance');
  return rules;
}

/** The standing with the waived rules counted as met, so `whatIsMissing` names only the rest. */
export function waive(standing: Standing, waived: ReadonlySet<string>): Standing {
  return {
    ...standing,
    creditedMinutes: waived.has('hours') ? Math.max(standing.creditedMinutes, standing.requiredMinutes) : standing.creditedMinutes,
    modules: standing.modules.map((m) =>
      m.quiz && waived.has(`quiz:${m.slug}`) ? { ...m, quiz: { ...m.quiz, status: 'passed' as const } } : m,
    ),
    attendance: waived.has('attendance') ? { ...standing.attendance, share: null } : standing.attendance,
  };
}

/** Every active enrollment of the cohort with its eligibility, in name order. */
export function getCohortEligibility(db: Db, cohortId: number, context: CertificateContext, now = new Date()): EligibilityRow[] {
  const people = db
    .select({ userId: users.id, fullName: users.fullName, curp: users.curp, enrollmentId: enrollments.id })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.status, 'active')))
    .orderBy(asc(users.fullName), asc(users.id))
    .all();
  return eligibilityOf(db, cohortId, people, context, now);
}

/** One person's eligibility in a cohort; null unless actively enrolled in it (or enrolled at all, for a reissue). */
export function getPersonEligibility(
  db: Db,
  cohortId: number,
  userId: number,
  context: CertificateContext,
  now = new Date(),
  options: { anyStatus?: boolean } = {},
): EligibilityRow | null {
  const person = db
    .select({ userId: users.id, fullName: users.fullName, curp: users.curp, enrollmentId: enrollments.id })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(
      and(
        eq(enrollments.cohortId, cohortId),
        eq(enrollments.userId, userId),
        options.anyStatus ? undefined : eq(enrollments.status, 'active'),
      ),
    )
    .get();
  return person ? (eligibilityOf(db, cohortId, [person], context, now)[0] ?? null) : null;
}

function eligibilityOf(db: Db, cohortId: number, people: Person[], context: CertificateContext, now: Date): EligibilityRow[] {
  const ids = people.map((p) => p.userId);
  const shares = attendanceShare(db, ids, cohortId, now);
  const exceptions = listExceptions(db, cohortId);
  const active = new Map(
    db
      .select({ userId: certificates.userId, id: certificates.id, folio: certificates.folio })
      .from(certificates)
      .where(and(eq(certificates.cohortId, cohortId), isNull(certificates.revokedAt), isNull(certificates.replacedAt)))
      .all()
      .map((c) => [c.userId, { id: c.id, folio: c.folio }]),
  );
  const standings = getStandings(db, ids, standingContextOf(context, now));
  return people.map((person) => {
    const base = standings.get(person.userId) as Standing;
    // The share of this cohort's sessions, whichever cohort the standing picked.
    const share = shares.get(person.userId);
    const standing: Standing = { ...base, attendance: { ...base.attendance, share: share?.share ?? null, held: share?.held ?? 0 } };
    const mine = exceptions.filter((e) => e.userId === person.userId);
    const waived = new Set(mine.map((e) => e.rule));
    const unmet = unmetRules(standing);
    const eligible = unmet.every((r) => waived.has(r));
    return {
      ...person,
      standing,
      unmet,
      exceptions: mine,
      eligible,
      // Practice inspections are hours of module 10: a waived hours rule waives them too.
      missing: eligible ? [] : whatIsMissing(waive(standing, waived), waived.has('hours') ? undefined : context.practice),
      certificate: active.get(person.userId) ?? null,
    };
  });
}

/** The cohort's exceptions, oldest first, with who granted each. */
export function listExceptions(db: Executor, cohortId: number): EligibilityException[] {
  const grantor = alias(users, 'grantor');
  return db
    .select({
      userId: eligibilityExceptions.userId,
      rule: eligibilityExceptions.rule,
      reason: eligibilityExceptions.reason,
      grantedAt: eligibilityExceptions.grantedAt,
      grantedByName: grantor.fullName,
    })
    .from(eligibilityExceptions)
    .innerJoin(grantor, eq(grantor.id, eligibilityExceptions.grantedBy))
    .where(eq(eligibilityExceptions.cohortId, cohortId))
    .orderBy(asc(eligibilityExceptions.grantedAt), asc(eligibilityExceptions.id))
    .all() as EligibilityException[];
}

/** Whether `rule` names a rule of the program: hours, attendance, or a module that has a quiz. */
export function isProgramRule(rule: string, context: Pick<CertificateContext, 'quizzes'>): rule is EligibilityRule {
  if (rule === 'hours' || rule === 'attendance') return true;
  return rule.startsWith('quiz:') && context.quizzes.some((q) => `quiz:${q.moduleSlug}` === rule);
}

/**
 * Waives one rule for one person in a cohort, with the reason (audited, in one transaction).
 * Refuses a rule the program does not have, a person not actively enrolled, an empty reason,
 * and a second exception to the same rule.
 */
export function grantEligibilityException(
  db: Db,
  context: Pick<CertificateContext, 'quizzes'>,
  input: { cohortId: number; userId: number; rule: string; reason: string; actorId: number; now?: Date },
): void {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('certificates.exception.reasonRequired', {}, 'invalid');
  if (!isProgramRule(input.rule, context)) throw new DomainError('certificates.exception.unknownRule', {}, 'invalid');
  db.transaction(
    (tx) => {
      const enrolled = tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.cohortId, input.cohortId), eq(enrollments.userId, input.userId), eq(enrollments.status, 'active')))
        .get();
      if (!enrolled) throw new DomainError('certificates.notEnrolled', {}, 'not-found');
      const at = input.now ?? new Date();
      const inserted = tx
        .insert(eligibilityExceptions)
        .values({ userId: input.userId, cohortId: input.cohortId, rule: input.rule, reason, grantedBy: input.actorId, grantedAt: at })
        .onConflictDoNothing()
        .returning({ id: eligibilityExceptions.id })
        .get();
      if (!inserted) throw new DomainError('certificates.exception.exists');
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'eligibility.exception',
        subjectUserId: input.userId,
        cohortId: input.cohortId,
        reason,
        details: { rule: input.rule },
        at,
      });
    },
    { behavior: 'immediate' },
  );
}

interface Person {
  userId: number;
  fullName: string;
  curp: string | null;
  enrollmentId: number;
}

export interface EligibilityException {
  userId: number;
  rule: string;
  reason: string;
  grantedAt: Date;
  grantedByName: string;
}

export interface EligibilityRow extends Person {
  standing: Standing;
  /** Rules not met, before exceptions. */
  unmet: EligibilityRule[];
  exceptions: EligibilityException[];
  eligible: boolean;
  /** What is still missing, in the learner home's words; empty when eligible. */
  missing: string[];
  /** The person's active certificate in the cohort, if any. */
  certificate: { id: number; folio: string } | null;
}
