import { count, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  attendance,
  certificates,
  cohorts,
  enrollments,
  fieldPractices,
  hoursLedger,
  liveSessions,
  seedRuns,
  users,
} from '../../db/schema/index.ts';
import { GRADUATES_COHORT, issueDemoCertificates } from '../../scripts/seed-demo-graduates.ts';
import { getCohortProgress } from '../../src/lib/server/dashboards/cohort-progress.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { seedOnce } from '../../src/lib/server/setup/seed-once.ts';
import { DEMO_ACCOUNTS, DEMO_COHORT, seedDemo } from '../../scripts/seed-demo.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
const countUsers = () => db.select({ n: count() }).from(users).get()?.n ?? 0;
const countCohorts = () => db.select({ n: count() }).from(cohorts).get()?.n ?? 0;

beforeEach(() => {
  db = createTestDb();
});

describe('seedDemo', () => {
  // The whole demo (33 people, quiz attempts and grades) takes a few seconds on a busy machine.
  test('seeds once; after the admin changes their email, seeding again adds nothing and does not fail', { timeout: 60_000 }, () => {
    expect(seedDemo(db, 'hash-de-prueba')).toBe(true);
    const people = countUsers();
    const cohortCount = countCohorts();
    expect(people).toBe(37);
    db.update(users).set({ email: 'direccion@stps.gob.mx' }).where(eq(users.email, DEMO_ACCOUNTS[0].email)).run();

    expect(seedDemo(db, 'hash-de-prueba')).toBe(false);
    expect(countUsers()).toBe(people);
    expect(countCohorts()).toBe(cohortCount);
  });

  test('never seeds over a database that already holds people, even without its marker', () => {
    insertPerson(db, { email: 'admin@stps.gob.mx', roles: ['admin'] });
    expect(seedDemo(db, 'hash-de-prueba')).toBe(false);
    expect(countUsers()).toBe(1);
    expect(db.select().from(seedRuns).all()).toEqual([]);
  });
});

describe('the demo cohort mid-program (issue 13)', () => {
  test('has sessions held with attendance and one coming, and learners ahead, on track, behind and inactive', { timeout: 90_000 }, () => {
    const now = new Date();
    expect(seedDemo(db, 'hash-de-prueba')).toBe(true);
    const cohort = db.select().from(cohorts).where(eq(cohorts.name, DEMO_COHORT)).get();
    if (!cohort) throw new Error('no demo cohort');
    const sessions = db.select().from(liveSessions).where(eq(liveSessions.cohortId, cohort.id)).all();
    const held = sessions.filter((s) => s.startsAt.getTime() + s.durationMinutes * 60_000 <= now.getTime());
    expect(held.length).toBeGreaterThan(0);
    expect(sessions.filter((s) => s.startsAt > now)).toHaveLength(1);
    for (const session of held) {
      expect(db.select({ n: count() }).from(attendance).where(eq(attendance.sessionId, session.id)).get()?.n).toBe(30);
    }
    const progress = getCohortProgress(db, cohort, loadHoursPlanFromFiles(), now);
    const statuses = new Set(progress.map((p) => p.status));
    for (const status of ['ahead', 'on_track', 'behind', 'inactive'] as const) expect(statuses).toContain(status);
    // Every hour shown comes from the ledger: the sum of the dashboard equals the table's.
    const ledgerSum = db
      .select({ s: sql<number>`sum(${hoursLedger.minutes})` })
      .from(hoursLedger)
      .innerJoin(enrollments, eq(enrollments.id, hoursLedger.enrollmentId))
      .where(eq(enrollments.cohortId, cohort.id))
      .get()?.s;
    expect(progress.reduce((s, p) => s + p.totalMinutes, 0)).toBe(ledgerSum);
    expect(db.select({ n: count() }).from(fieldPractices).get()?.n).toBeGreaterThan(0);
  });
});

describe('the demo graduates (issue 14)', () => {
  test('four finished 120 h; one certificate issued, one revoked, one replaced by a reissue, one eligible not issued', {
    timeout: 120_000,
  }, async () => {
    expect(seedDemo(db, 'hash-de-prueba')).toBe(true);
    const cohort = db.select().from(cohorts).where(eq(cohorts.name, GRADUATES_COHORT)).get();
    if (!cohort) throw new Error('no graduates cohort');
    const graduates = db.select({ userId: enrollments.userId }).from(enrollments).where(eq(enrollments.cohortId, cohort.id)).all();
    expect(graduates).toHaveLength(4);
    for (const { userId } of graduates) {
      expect(
        db
          .select({ s: sql<number>`sum(${hoursLedger.minutes})` })
          .from(hoursLedger)
          .where(eq(hoursLedger.userId, userId))
          .get()?.s,
      ).toBe(120 * 60);
    }
    const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, 'coordinacion@demo.aula.mx')).get();
    await issueDemoCertificates(db, coordinator?.id as number, 'http://localhost:4321');
    const issued = db.select().from(certificates).all();
    expect(issued.filter((c) => !c.revokedAt && !c.replacedAt)).toHaveLength(2);
    expect(issued.filter((c) => c.revokedAt)).toHaveLength(1);
    const replaced = issued.find((c) => c.replacedAt);
    expect(issued.find((c) => c.replacesId === replaced?.id)).toBeDefined();
    const withCertificate = new Set(issued.map((c) => c.userId));
    expect(graduates.filter((g) => !withCertificate.has(g.userId))).toHaveLength(1);
  });
});

describe('seedOnce', () => {
  test('records its marker with the seed, so the seed runs once', () => {
    let runs = 0;
    const seed = () => {
      runs += 1;
      insertPerson(db);
    };
    expect(seedOnce(db, 'prueba', seed)).toBe(true);
    expect(seedOnce(db, 'prueba', seed)).toBe(false);
    expect(runs).toBe(1);
    expect(db.select({ name: seedRuns.name }).from(seedRuns).all()).toEqual([{ name: 'prueba' }]);
  });

  test('a seed that fails leaves neither its marker nor half its data', () => {
    expect(() =>
      seedOnce(db, 'prueba', () => {
        insertPerson(db);
        throw new Error('falla a la mitad');
      }),
    ).toThrow('falla a la mitad');
    expect(countUsers()).toBe(0);
    expect(db.select().from(seedRuns).all()).toEqual([]);
  });
});
