import { eq } from 'drizzle-orm';
import { ROLES, type Role, userRoles } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
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
