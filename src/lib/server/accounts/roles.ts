import { and, eq, inArray } from 'drizzle-orm';
import { ROLES, type Role, userRoles } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';

/** Roles a coordinator may hand out; coordinator and admin are granted only by an admin. */
const COORDINATOR_GRANTABLE: readonly Role[] = ['inspector', 'instructor'];

export function grantableRoles(actorRoles: readonly Role[]): Role[] {
  if (actorRoles.includes('admin')) return [...ROLES];
  if (actorRoles.includes('coordinator')) return [...COORDINATOR_GRANTABLE];
  return [];
}

export function assertMayGrantRoles(actorRoles: readonly Role[], roles: readonly Role[]): void {
  const allowed = grantableRoles(actorRoles);
  const denied = roles.find((r) => !allowed.includes(r));
  if (denied) throw new DomainError('people.roleForbidden', { role: t(`role.${denied}`) }, 'forbidden');
}

export function getRoles(db: Db, userId: number): Role[] {
  return db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role);
}

/**
 * Replaces a person's roles, recording each grant and revocation with the reason. An actor may
 * only add or remove roles they are allowed to grant.
 */
export function setRoles(
  db: Db,
  input: { userId: number; roles: Role[]; actor: { id: number; roles: Role[] }; reason: string; now?: Date },
): { granted: Role[]; revoked: Role[] } {
  const now = input.now ?? new Date();
  if (input.roles.length === 0) throw new DomainError('people.roleNeeded', {}, 'invalid');
  return db.transaction((tx) => {
    const current = tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(eq(userRoles.userId, input.userId))
      .all()
      .map((r) => r.role);
    const granted = input.roles.filter((r) => !current.includes(r));
    const revoked = current.filter((r) => !input.roles.includes(r));
    assertMayGrantRoles(input.actor.roles, [...granted, ...revoked]);
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
