import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { enrollments, invitations, outbox, users } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { listCohortInvitations, resendPendingInvitations } from '../../src/lib/server/accounts/cohort-invitations.ts';
import { issueInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { listPeople } from '../../src/lib/server/accounts/people.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-10-01T17:00:00Z');
const baseUrl = 'http://aula.test';
let db: Db;
let coordinatorId: number;
let cohortId: number;
let people: Record<'active' | 'pending' | 'expired' | 'never' | 'withdrawn' | 'staff', { id: number; fullName: string }>;

beforeEach(() => {
  db = createTestDb();
  coordinatorId = insertPerson(db, { roles: ['coordinator'] }, 1).id;
  cohortId = createCohort(db, {
    name: 'Generación 2026-2',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [],
    actorId: null,
  }).id;
  const person = (n: number, roles: ('inspector' | 'coordinator')[] = ['inspector'], passwordHash: string | null = null) => {
    const { id, person } = insertPerson(db, { roles, passwordHash }, n);
    enrollInspectorOne(db, { cohortId, userId: id, actorId: null, now });
    return { id, fullName: person.fullName };
  };
  people = {
    active: person(10, ['inspector'], 'hash'),
    pending: person(11),
    expired: person(12),
    never: person(13),
    withdrawn: person(14),
    // A coordinator taking the course: another coordinator may not re-invite them (decision 008).
    staff: person(15, ['inspector', 'coordinator']),
  };
  issueInvitation(db, { userId: people.pending.id, actorId: coordinatorId, baseUrl, now: new Date(now.getTime() - DAY) });
  issueInvitation(db, { userId: people.expired.id, actorId: coordinatorId, baseUrl, now: new Date(now.getTime() - 8 * DAY) });
  issueInvitation(db, { userId: people.staff.id, actorId: coordinatorId, baseUrl, now: new Date(now.getTime() - 8 * DAY) });
  issueInvitation(db, { userId: people.withdrawn.id, actorId: coordinatorId, baseUrl, now });
  withdrawInspector(db, { cohortId, userId: people.withdrawn.id, actorId: null, now });
});

/** The same numbers, counted straight from the tables. */
function countedInSql() {
  const enrolled = and(eq(enrollments.cohortId, cohortId), eq(enrollments.status, 'active'));
  const latestExpiry = sql<
    number | null
  >`(select max(${invitations.expiresAt}) from ${invitations} where ${invitations.userId} = ${users.id})`;
  const rows = db
    .select({ active: sql<number>`${users.passwordHash} is not null`, latestExpiry })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(enrolled)
    .all();
  return {
    used: rows.filter((r) => r.active).length,
    pending: rows.filter((r) => !r.active && r.latestExpiry !== null && r.latestExpiry > now.getTime()).length,
    expired: rows.filter((r) => !r.active && r.latestExpiry !== null && r.latestExpiry <= now.getTime()).length,
    none: rows.filter((r) => !r.active && r.latestExpiry === null).length,
  };
}

describe('the invitations of a cohort', () => {
  test('each enrolled person shows the status of their latest link, and the counts match the database', () => {
    const { rows, counts } = listCohortInvitations(db, cohortId, now);
    const statusOf = (id: number) => rows.find((r) => r.userId === id)?.status;
    expect(statusOf(people.active.id)).toBe('used');
    expect(statusOf(people.pending.id)).toBe('pending');
    expect(statusOf(people.expired.id)).toBe('expired');
    expect(statusOf(people.never.id)).toBe('none');
    expect(statusOf(people.withdrawn.id)).toBeUndefined();
    expect(counts).toEqual({ used: 1, pending: 1, expired: 2, none: 1 });
    expect(counts).toEqual(countedInSql());
    expect(rows.find((r) => r.userId === people.pending.id)?.expiresAt).toEqual(new Date(now.getTime() + 6 * DAY));
  });

  test('«reenviar todas» sends a new link to everyone not yet active whom the coordinator may act on, and reports the others', async () => {
    const before = db.select({ n: count() }).from(outbox).get()?.n ?? 0;
    const { issued, skipped } = await resendPendingInvitations(db, { cohortId, actorId: coordinatorId, baseUrl, now });
    expect(issued.map((i) => i.userId).sort()).toEqual([people.pending.id, people.expired.id, people.never.id].sort());
    expect(skipped).toEqual([
      { fullName: people.staff.fullName, why: t('people.actOn.role', { name: people.staff.fullName, role: t('role.coordinator') }) },
    ]);
    expect((db.select({ n: count() }).from(outbox).get()?.n ?? 0) - before).toBe(3);
    // One unused link per person: the earlier ones stopped working.
    for (const id of [people.pending.id, people.expired.id]) {
      expect(
        db
          .select({ n: count() })
          .from(invitations)
          .where(and(eq(invitations.userId, id), isNull(invitations.usedAt)))
          .get()?.n,
      ).toBe(1);
    }
    const { counts } = listCohortInvitations(db, cohortId, now);
    expect(counts).toEqual({ used: 1, pending: 3, expired: 1, none: 0 });
    expect(counts).toEqual(countedInSql());
  });

  test('«pendiente de activar» on people lists exactly the accounts without a password', () => {
    const pending = listPeople(db, { account: 'pending', pageSize: 100 }).rows.map((r) => r.id);
    const expected = db.select({ id: users.id }).from(users).where(isNull(users.passwordHash)).all();
    expect(pending.sort()).toEqual(expected.map((r) => r.id).sort());
    expect(pending).not.toContain(people.active.id);
    expect(listPeople(db, { account: 'active', pageSize: 100 }).rows.map((r) => r.id)).toEqual([people.active.id]);
  });
});
