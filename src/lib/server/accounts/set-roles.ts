import { and, eq, inArray } from 'drizzle-orm';
import { type Role, userRoles } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import { assertKeepsAnAdmin, assertMayActOn } from './may-act-on.ts';
import { assertMayGrantRoles } from './roles.ts';

/**
 * Replaces a person's roles, recording each grant and revocation with the reason. The actor must
 * be allowed to act on the account (decision 008) and to grant every role added or removed, and
 * the last admin keeps the admin role.
 */
export function setRoles(
  db: Db,
  input: { userId: number; roles: Role[]; actor: { id: number }; reason: string; now?: Date },
): { granted: Role[]; revoked: Role[] } {
  const now = input.now ?? new Date();
  if (input.roles.length === 0) throw new DomainError('people.roleNeeded', {}, 'invalid');
  return db.transaction((tx) => {
    const { actorRoles, targetRoles: current } = assertMayActOn(tx, input.actor.id, input.userId);
    const granted = input.roles.filter((r) => !current.includes(r));
    const revoked = current.filter((r) => !input.roles.includes(r));
    assertMayGrantRoles(actorRoles, [...granted, ...revoked]);
    assertKeepsAnAdmin(tx, input.userId, revoked);
    if (granted.length > 0)
      tx.insert(userRoles)
        .values(granted.map((role) => ({ userId: input.userId, role })))
        .run();
    if (revoked.length > 0) {
      tx.delete(userRoles)
        .where(and(eq(userRoles.userId, input.userId), inArray(userRoles.role, revoked)))
        .run();
    }
    for (const role of granted) {
      appendAuditEntry(tx, {
        actorId: input.actor.id,
        action: 'role.granted',
        subjectUserId: input.userId,
        reason: input.reason,
        details: { role },
        at: now,
      });
    }
    for (const role of revoked) {
      appendAuditEntry(tx, {
        actorId: input.actor.id,
        action: 'role.revoked',
        subjectUserId: input.userId,
        reason: input.reason,
        details: { role },
        at: now,
      });
    }
    return { granted, revoked };
  });
}
