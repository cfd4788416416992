import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { enrollments, invitations, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { type IssuedInvitation, issueInvitation } from './invitations.ts';
import { assertMayActOn } from './may-act-on.ts';

/**
 * Where a person's access to Aula stands: `used` once they set a password (the invitation was
 * used); otherwise their latest link is `pending` until it expires, then `expired`; `none` when no
 * link was ever issued (accounts created before invitations were sent, or by a script).
 */
export type InvitationStatus = 'pending' | 'used' | 'expired' | 'none';
export const INVITATION_STATUSES: readonly InvitationStatus[] = ['pending', 'expired', 'none', 'used'];

export interface CohortInvitationRow {
  userId: number;
  fullName: string;
  email: string;
  status: InvitationStatus;
  /** When the latest link was issued and until when it works; null when none was issued. */
  sentAt: Date | null;
  expiresAt: Date | null;
}

export interface CohortInvitations {
  rows: CohortInvitationRow[];
  counts: Record<InvitationStatus, number>;
}

/** The people actively enrolled in a cohort, with their latest invitation and its status. */
export function listCohortInvitations(db: Executor, cohortId: number, now = new Date()): CohortInvitations {
  const people = db
    .select({ userId: users.id, fullName: users.fullName, email: users.email, passwordHash: users.passwordHash })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.status, 'active')))
    .all();
  // The newest link of each enrolled person (a roster is at most a few thousand people).
  const latest = new Map<number, { createdAt: Date; expiresAt: Date }>();
  for (const link of db
    .select({ userId: invitations.userId, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .innerJoin(enrollments, and(eq(enrollments.userId, invitations.userId), eq(enrollments.cohortId, cohortId)))
    .where(eq(enrollments.status, 'active'))
    .orderBy(desc(invitations.createdAt))
    .all()) {
    if (!latest.has(link.userId)) latest.set(link.userId, link);
  }
  const counts: Record<InvitationStatus, number> = { pending: 0, used: 0, expired: 0, none: 0 };
  const rows = people.map(({ passwordHash, ...person }) => {
    const link = latest.get(person.userId);
    const status: InvitationStatus =
      passwordHash !== null ? 'used' : !link ? 'none' : link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
    counts[status] += 1;
    return { ...person, status, sentAt: link?.createdAt ?? null, expiresAt: link?.expiresAt ?? null };
  });
  // One cohort's list, not paged: sorted as a Spanish reader expects («Ángel» before «Tonatiuh»).
  const collator = new Intl.Collator('es-MX');
  rows.sort((a, b) => collator.compare(a.fullName, b.fullName) || a.userId - b.userId);
  return { rows, counts };
}

export interface ResendOutcome {
  issued: IssuedInvitation[];
  /** People not yet active whom the actor may not act on (decision 008), with why, in Spanish. */
  skipped: { fullName: string; why: string }[];
}

/**
 * «Reenviar todas»: a new link for everyone actively enrolled in the cohort who has not yet set a
 * password (pending, expired or never invited). As with one re-sent invitation, the actor must be
 * allowed to act on each account; those they may not are skipped and reported, not refused as a
 * whole. Earlier unused links stop working; the messages go out after the commit.
 */
export async function resendPendingInvitations(
  db: Db,
  input: { cohortId: number; actorId: number; baseUrl: string; now?: Date },
): Promise<ResendOutcome> {
  const now = input.now ?? new Date();
  const outcome = db.transaction((tx): ResendOutcome => {
    const waiting = tx
      .select({ userId: users.id, fullName: users.fullName })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.userId))
      .where(and(eq(enrollments.cohortId, input.cohortId), eq(enrollments.status, 'active'), isNull(users.passwordHash)))
      .orderBy(asc(users.sortKey), asc(users.id))
      .all();
    const issued: IssuedInvitation[] = [];
    const skipped: ResendOutcome['skipped'] = [];
    for (const person of waiting) {
      try {
        assertMayActOn(tx, input.actorId, person.userId);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'forbidden') throw error;
        skipped.push({ fullName: person.fullName, why: t(error.code, error.params) });
        continue;
      }
      issued.push(issueInvitation(tx, { userId: person.userId, actorId: input.actorId, baseUrl: input.baseUrl, now }));
    }
    return { issued, skipped };
  });
  await deliverMessages(
    db,
    outcome.issued.map((i) => i.messageId),
  );
  return outcome;
}
