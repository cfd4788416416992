import { and, eq, inArray, ne } from 'drizzle-orm';
import { type Role, userRoles, users } from '../../../../db/schema/index.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { grantableRoles } from './roles.ts';

/**
 * The one rule for acting on another person's account (edit its data, send it an access link,
 * change its roles, enroll, withdraw or re-enroll it): the actor may grant every role the target
 * holds, and the target is not the actor. So a coordinator never acts on an admin or on another
 * coordinator, an admin acts on anyone else, and nobody re-invites or re-roles themselves: one's
 * own account changes only through /cuenta. Decision 008.
 */
export function refusalToActOn(actor: AccountRoles, target: AccountRoles): Refusal | null {
  if (actor.id === target.id) return { code: 'people.actOn.self', params: {} };
  const grantable = grantableRoles(actor.roles);
  if (grantable.length === 0) return { code: 'error.forbidden', params: {} };
  const beyond = target.roles.find((role) => !grantable.includes(role));
  if (beyond) return { code: 'people.actOn.role', params: { role: t(`role.${beyond}`) } };
  return null;
}

/**
 * Throws unless the actor may act on the target, reading both accounts' roles from the database
 * (inside the caller's transaction, so a role revoked a moment ago already counts).
 */
export function assertMayActOn(db: Executor, actorId: number, targetId: number): { actorRoles: Role[]; targetRoles: Role[] } {
  const target = db.select({ fullName: users.fullName }).from(users).where(eq(users.id, targetId)).get();
  if (!target) throw new DomainError('people.notFound', {}, 'not-found');
  const roles = rolesOf(db, [actorId, targetId]);
  const actorRoles = roles.get(actorId) ?? [];
  const targetRoles = roles.get(targetId) ?? [];
  const refusal = refusalToActOn({ id: actorId, roles: actorRoles }, { id: targetId, roles: targetRoles });
  if (refusal) throw new DomainError(refusal.code, { ...refusal.params, name: target.fullName }, 'forbidden');
  return { actorRoles, targetRoles };
}

/** For a list page: why the actor may not act on each of these people (absent when they may). */
export function refusalsToActOn(db: Executor, actor: AccountRoles, targetIds: readonly number[]): Map<number, Refusal> {
  const roles = rolesOf(db, targetIds);
  const refusals = new Map<number, Refusal>();
  for (const id of targetIds) {
    const refusal = refusalToActOn(actor, { id, roles: roles.get(id) ?? [] });
    if (refusal) refusals.set(id, refusal);
  }
  return refusals;
}

/** Aula always keeps an admin: refuses to take the admin role from the only account holding it. */
export function assertKeepsAnAdmin(db: Executor, userId: number, revoked: readonly Role[]): void {
  if (!revoked.includes('admin')) return;
  const other = db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.role, 'admin'), ne(userRoles.userId, userId)))
    .limit(1)
    .get();
  if (!other) throw new DomainError('people.lastAdmin', {}, 'conflict');
}

function rolesOf(db: Executor, ids: readonly number[]): Map<number, Role[]> {
  const byId = new Map<number, Role[]>();
  if (ids.length === 0) return byId;
  const rows = db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, [...new Set(ids)]))
    .all();
  for (const row of rows) byId.set(row.userId, [...(byId.get(row.userId) ?? []), row.role]);
  return byId;
}

export interface AccountRoles {
  id: number;
  roles: readonly Role[];
}

export interface Refusal {
  code: MessageKey;
  params: Record<string, string>;
}
