import { and, eq, inArray } from 'drizzle-orm';
import { enrollments, userRoles, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Db } from '../db.ts';
import { BULK_MAX, refusalNote } from '../enrollment/bulk-withdraw.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { type IssuedInvitation, issueInvitation } from './invitations.ts';
import { refusalsToActOn } from './may-act-on.ts';

/**
 * New access links for several people of a cohort's roster, all or none, like the bulk
 * withdrawal: each person must be in this cohort and the actor must be allowed to act on their
 * account (decision 008), or nothing is issued and the error names who and why. Each earlier
 * unused link stops working, as with one re-sent invitation; messages go out after the commit.
 */
export async function resendInvitations(
  db: Db,
  input: { cohortId: number; userIds: readonly number[]; actorId: number; baseUrl: string; now?: Date },
): Promise<IssuedInvitation[]> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) throw new DomainError('roster.bulk.none', {}, 'invalid');
  if (ids.length > BULK_MAX) throw new DomainError('roster.bulk.tooMany', { max: BULK_MAX }, 'invalid');
  const issued = db.transaction((tx) => {
    const names = new Map(
      tx
        .select({ userId: users.id, fullName: users.fullName })
        .from(enrollments)
        .innerJoin(users, eq(users.id, enrollments.userId))
        .where(and(eq(enrollments.cohortId, input.cohortId), inArray(enrollments.userId, ids)))
        .all()
        .map((r) => [r.userId, r.fullName]),
    );
    const actorRoles = tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, input.actorId)).all();
    const mayNot = refusalsToActOn(tx, { id: input.actorId, roles: actorRoles.map((r) => r.role) }, ids);
    const refusals = ids.flatMap((id) => {
      const name = names.get(id);
      if (name === undefined)
        return [t('roster.bulk.refusal', { name: t('roster.bulk.unknown', { id }), why: t('roster.bulk.why.notEnrolled') })];
      const refusal = mayNot.get(id);
      return refusal ? [t('roster.bulk.refusal', { name, why: refusalNote(refusal) })] : [];
    });
    if (refusals.length > 0) throw new DomainError('roster.bulk.inviteRefused', { list: refusals.join('; ') }, 'forbidden');
    return ids.map((userId) => issueInvitation(tx, { userId, actorId: input.actorId, baseUrl: input.baseUrl, now: input.now }));
  });
  await deliverMessages(
    db,
    issued.map((i) => i.messageId),
  );
  return issued;
}
