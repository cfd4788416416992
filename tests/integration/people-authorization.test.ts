import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, enrollments, invitations, outbox, type Role, sessions, userRoles, users } from '../../db/schema/index.ts';
import { resendInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { assertKeepsAnAdmin, refusalsToActOn } from '../../src/lib/server/accounts/may-act-on.ts';
import { getPerson } from '../../src/lib/server/accounts/people.ts';
import { setRoles } from '../../src/lib/server/accounts/set-roles.ts';
import { updatePerson } from '../../src/lib/server/accounts/update-person.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspector, enrollInspectorOne, reenrollInspector, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

/**
 * Decision 008 as a matrix: every action on a person's account × the actor's role × the target's
 * role (or the actor's own account). A refusal leaves every table it could touch as it was.
 */

type Action = 'update' | 'resendInvitation' | 'setRoles grant' | 'setRoles revoke' | 'enroll' | 'withdraw' | 'reenroll';
type Target = Role | 'self';

const ACTIONS: Action[] = ['update', 'resendInvitation', 'setRoles grant', 'setRoles revoke', 'enroll', 'withdraw', 'reenroll'];
const ACTORS: Role[] = ['admin', 'coordinator', 'instructor', 'inspector'];
const TARGETS: Target[] = ['admin', 'coordinator', 'instructor', 'inspector', 'self'];

/** The rule, written out: the refusal's i18n code, or null when the action goes through. */
function expectedRefusal(actor: Role, target: Target): string | null {
  if (target === 'self') return 'people.actOn.self';
  if (actor === 'admin') return null;
  if (actor === 'coordinator') return target === 'admin' || target === 'coordinator' ? 'people.actOn.role' : null;
  return 'error.forbidden';
}

const MATRIX = ACTIONS.flatMap((action) =>
  ACTORS.flatMap((actor) => TARGETS.map((target) => ({ action, actor, target, refusal: expectedRefusal(actor, target) }))),
);

/** Enrollment acts on inspectors, so there the target (and a self-acting actor) also holds that role. */
const ENROLLMENT_ACTIONS: Action[] = ['enroll', 'withdraw', 'reenroll'];
/** A second role, so that revoking the target's role still leaves it one. */
const extraRole = (role: Role): Role => (role === 'inspector' ? 'instructor' : 'inspector');

let db: Db;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  cohortId = createCohort(db, {
    name: 'Generación de prueba',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [],
    actorId: null,
  }).id;
});

function snapshot() {
  return {
    users: db.select().from(users).all(),
    roles: db.select().from(userRoles).all(),
    invitations: db.select().from(invitations).all(),
    outbox: db.select().from(outbox).all(),
    enrollments: db.select().from(enrollments).all(),
    sessions: db.select().from(sessions).all(),
    audit: db.select().from(auditLog).all(),
  };
}

function rolesFor(action: Action, role: Role): Role[] {
  if (ENROLLMENT_ACTIONS.includes(action) || action === 'setRoles revoke') return [...new Set<Role>([role, extraRole(role)])];
  return [role];
}

/** The actor and the target as the action needs them: enrolled, withdrawn, holding a role to revoke. */
function arrange(action: Action, actorRole: Role, target: Target): { actorId: number; targetId: number; targetRole: Role } {
  const actorRoles: Role[] = target === 'self' ? rolesFor(action, actorRole) : [actorRole];
  const actorId = insertPerson(db, { roles: actorRoles, passwordHash: 'x' }).id;
  const targetRole = target === 'self' ? actorRole : target;
  const targetId = target === 'self' ? actorId : insertPerson(db, { roles: rolesFor(action, targetRole), passwordHash: 'y' }).id;
  if (action === 'withdraw' || action === 'reenroll') enrollInspector(db, { cohortId, userId: targetId, actorId: null });
  if (action === 'reenroll') withdrawInspector(db, { cohortId, userId: targetId, actorId: null });
  return { actorId, targetId, targetRole };
}

async function perform(action: Action, actorId: number, targetId: number, targetRole: Role): Promise<void> {
  const person = getPerson(db, targetId);
  if (!person) throw new Error(`no person ${targetId}`);
  switch (action) {
    case 'update': {
      const { id: _id, roles: _roles, active: _active, createdAt: _createdAt, ...data } = person;
      updatePerson(db, { id: targetId, person: { ...data, state: 'Puebla', email: 'buzon.ajeno@example.mx' }, actorId });
      return;
    }
    case 'resendInvitation':
      await resendInvitation(db, { userId: targetId, actorId, baseUrl: 'https://aula.example.mx' });
      return;
    case 'setRoles grant':
      setRoles(db, { userId: targetId, roles: [...person.roles, extraRole(targetRole)], actor: { id: actorId }, reason: 'Prueba' });
      return;
    case 'setRoles revoke':
      setRoles(db, { userId: targetId, roles: person.roles.filter((r) => r !== targetRole), actor: { id: actorId }, reason: 'Prueba' });
      return;
    case 'enroll':
      enrollInspectorOne(db, { cohortId, userId: targetId, actorId });
      return;
    case 'withdraw':
      withdrawInspector(db, { cohortId, userId: targetId, actorId, reason: 'Prueba' });
      return;
    case 'reenroll':
      reenrollInspector(db, { cohortId, userId: targetId, actorId, reason: 'Prueba' });
      return;
  }
}

/** What an allowed action leaves behind, so "allowed" is checked as done, not just as not thrown. */
function expectDone(action: Action, targetId: number, targetRole: Role): void {
  const person = getPerson(db, targetId);
  const enrollment = db.select({ status: enrollments.status }).from(enrollments).where(eq(enrollments.userId, targetId)).get();
  switch (action) {
    case 'update':
      return void expect(person?.email).toBe('buzon.ajeno@example.mx');
    case 'resendInvitation':
      return void expect(db.select().from(invitations).where(eq(invitations.userId, targetId)).all()).toHaveLength(1);
    case 'setRoles grant':
      return void expect(person?.roles).toContain(extraRole(targetRole));
    case 'setRoles revoke':
      return void expect(person?.roles).not.toContain(targetRole);
    case 'withdraw':
      return void expect(enrollment?.status).toBe('withdrawn');
    case 'enroll':
    case 'reenroll':
      return void expect(enrollment?.status).toBe('active');
  }
}

describe('who may act on whose account (decision 008)', () => {
  test.each(MATRIX)('$action by $actor on $target: $refusal', async ({ action, actor, target, refusal }) => {
    const { actorId, targetId, targetRole } = arrange(action, actor, target);
    const before = snapshot();
    const outcome = await perform(action, actorId, targetId, targetRole).then(
      () => null,
      (error: unknown) => {
        if (error instanceof DomainError) return { code: error.code, kind: error.kind };
        throw error;
      },
    );
    if (refusal === null) {
      expect(outcome).toBeNull();
      expectDone(action, targetId, targetRole);
    } else {
      expect(outcome).toEqual({ code: refusal, kind: 'forbidden' });
      expect(snapshot()).toEqual(before);
    }
  });

  test('the matrix covers every action, actor and target', () => {
    expect(MATRIX).toHaveLength(ACTIONS.length * ACTORS.length * TARGETS.length);
    expect(MATRIX.filter((m) => m.refusal === null)).toHaveLength(ACTIONS.length * (4 + 2));
  });

  test('a refusal names the person and the role that only an admin may act on', () => {
    const coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
    const admin = insertPerson(db, { roles: ['admin'], fullName: 'Leticia Ramírez Ocampo' });
    const error = (() => {
      try {
        updatePerson(db, { id: admin.id, person: { ...admin.person, email: 'otro@example.mx' }, actorId: coordinatorId });
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error).toMatchObject({
      code: 'people.actOn.role',
      kind: 'forbidden',
      params: { name: 'Leticia Ramírez Ocampo', role: 'Administración' },
    });
  });

  test('an unknown person is not found, whoever asks', () => {
    const coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
    expect(codeOf(() => setRoles(db, { userId: 9999, roles: ['inspector'], actor: { id: coordinatorId }, reason: 'x' }))).toBe(
      'people.notFound',
    );
  });
});

describe('the last admin', () => {
  test('cannot lose the admin role: the only admin cannot drop it, and nobody else may take it', () => {
    const adminId = insertPerson(db, { roles: ['admin', 'inspector'] }).id;
    const coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
    const before = snapshot();
    expect(codeOf(() => setRoles(db, { userId: adminId, roles: ['inspector'], actor: { id: adminId }, reason: 'x' }))).toBe(
      'people.actOn.self',
    );
    expect(codeOf(() => setRoles(db, { userId: adminId, roles: ['inspector'], actor: { id: coordinatorId }, reason: 'x' }))).toBe(
      'people.actOn.role',
    );
    expect(codeOf(() => assertKeepsAnAdmin(db, adminId, ['admin']))).toBe('people.lastAdmin');
    expect(snapshot()).toEqual(before);
  });

  test('two admins removing each other at once leave one admin: the second request no longer holds the role', () => {
    const a = { id: insertPerson(db, { roles: ['admin'] }).id, roles: ['admin'] as Role[] };
    const b = { id: insertPerson(db, { roles: ['admin', 'coordinator'] }).id, roles: ['admin', 'coordinator'] as Role[] };
    setRoles(db, { userId: b.id, roles: ['coordinator'], actor: a, reason: 'Rotación' });
    // b's session still says admin; the rule reads the roles in the database.
    expect(codeOf(() => setRoles(db, { userId: a.id, roles: ['coordinator'], actor: b, reason: 'Rotación' }))).toBe('people.actOn.role');
    expect(
      db
        .select()
        .from(userRoles)
        .where(eq(userRoles.role, 'admin'))
        .all()
        .map((r) => r.userId),
    ).toEqual([a.id]);
  });

  test('an admin may take the admin role from another admin while one remains', () => {
    const a = insertPerson(db, { roles: ['admin'] }).id;
    const b = insertPerson(db, { roles: ['admin', 'coordinator'] }).id;
    expect(() => assertKeepsAnAdmin(db, b, ['admin'])).not.toThrow();
    expect(setRoles(db, { userId: b, roles: ['coordinator'], actor: { id: a }, reason: 'Cambio de funciones' })).toEqual({
      granted: [],
      revoked: ['admin'],
    });
  });
});

describe('refusalsToActOn, for list pages', () => {
  test('marks the accounts a coordinator may not act on, and their own', () => {
    const coordinator = { id: insertPerson(db, { roles: ['coordinator', 'inspector'] }).id, roles: ['coordinator', 'inspector'] as Role[] };
    const admin = insertPerson(db, { roles: ['admin', 'inspector'] }).id;
    const learner = insertPerson(db, { roles: ['inspector'] }).id;
    const instructor = insertPerson(db, { roles: ['inspector', 'instructor'] }).id;
    const refusals = refusalsToActOn(db, coordinator, [coordinator.id, admin, learner, instructor]);
    expect([...refusals].map(([id, r]) => [id, r.code])).toEqual([
      [coordinator.id, 'people.actOn.self'],
      [admin, 'people.actOn.role'],
    ]);
  });
});
