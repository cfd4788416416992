import { and, eq, inArray } from 'drizzle-orm';
import { enrollments, userRoles, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { type Refusal, refusalsToActOn } from '../accounts/may-act-on.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';

/** How many people one bulk action takes: a roster page shows 50, a cohort holds a few hundred. */
export const BULK_MAX = 500;

/**
 * Withdraws several people from a cohort with one reason, all or none, in one transaction. Each
 * person is checked as a single withdrawal would be: the actor may act on their account
 * (decision 008) and they are actively enrolled here. If anyone fails, nobody is withdrawn and the
 * error names every person who cannot be and why, so the coordinator fixes the selection and
 * sends it again: a half-done batch would leave them guessing who is still enrolled.
 */
export function withdrawInspectors(
  db: Db,
  input: { cohortId: number; userIds: readonly number[]; actorId: number; reason: string; now?: Date },
): { withdrawn: number } {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) throw new DomainError('roster.bulk.none', {}, 'invalid');
  if (ids.length > BULK_MAX) throw new DomainError('roster.bulk.tooMany', { max: BULK_MAX }, 'invalid');
  return db.transaction((tx) => {
    const people = selectedPeople(tx, input.cohortId, ids);
    // Roles are read inside the transaction, so a role granted or revoked a moment ago counts.
    const actor = {
      id: input.actorId,
      roles: tx
        .select({ role: userRoles.role })
        .from(userRoles)
        .where(eq(userRoles.userId, input.actorId))
        .all()
        .map((r) => r.role),
    };
    const mayNot = refusalsToActOn(tx, actor, ids);
    const refusals = ids.flatMap((id) => {
      const person = people.get(id);
      if (!person) return [t('roster.bulk.refusal', { name: t('roster.bulk.unknown', { id }), why: t('roster.bulk.why.notEnrolled') })];
      const refusal = mayNot.get(id);
      if (refusal) return [t('roster.bulk.refusal', { name: person.fullName, why: refusalNote(refusal) })];
      if (person.status !== 'active') return [t('roster.bulk.refusal', { name: person.fullName, why: t('roster.bulk.why.notActive') })];
      return [];
    });
    if (refusals.length > 0) throw new DomainError('roster.bulk.refused', { list: refusals.join('; ') }, 'forbidden');
    tx.update(enrollments)
      .set({ status: 'withdrawn', withdrawnAt: now })
      .where(and(eq(enrollments.cohortId, input.cohortId), inArray(enrollments.userId, ids)))
      .run();
    for (const id of ids) {
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'enrollment.withdrawn',
        subjectUserId: id,
        cohortId: input.cohortId,
        reason: input.reason,
        at: now,
      });
    }
    return { withdrawn: ids.length };
  });
}

/** Why the actor may not act on someone, short enough for a list of names (decision 008). */
export function refusalNote(refusal: Refusal): string {
  if (refusal.code === 'people.actOn.self') return t('roster.bulk.why.self');
  if (refusal.code === 'people.actOn.role') return t('roster.bulk.why.role', refusal.params);
  return t('roster.bulk.why.forbidden');
}

/** The selected people enrolled in this cohort, whatever their status. */
function selectedPeople(db: Executor, cohortId: number, ids: readonly number[]): Map<number, { fullName: string; status: string }> {
  const rows = db
    .select({ userId: users.id, fullName: users.fullName, status: enrollments.status })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.userId, [...ids])))
    .all();
  return new Map(rows.map((r) => [r.userId, r]));
}
