import { beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { enrollmentForCredit, recordAdjustment } from '../../src/lib/server/hours/ledger.ts';
import { mayReadLedger, requireLedgerReader } from '../../src/lib/server/hours/ledger-access.ts';
import { cohortLedgerRows } from '../../src/lib/server/hours/ledger-view.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

const { plan } = loadStandingContext();
const m1 = plan.modules[0] as (typeof plan.modules)[number];

let db: Db;
let learner: number;
let classmate: number;
let instructor: number;
let otherInstructor: number;
let coordinator: number;
let admin: number;
let cohortId: number;
let otherCohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  admin = insertPerson(db, { roles: ['admin'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  learner = insertPerson(db).id;
  classmate = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  otherCohortId = insertCohort(db, {
    name: 'G2',
    startsOn: '2027-03-01',
    endsOn: '2027-08-27',
    instructorIds: [otherInstructor],
    actorId: null,
  }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
  for (const userId of [learner, classmate]) {
    recordAdjustment(db, {
      userId,
      programSlug: DEFAULT_PROGRAM_SLUG,
      moduleSlug: m1.slug,
      budget: 'live',
      enrollmentId: enrollmentForCredit(db, userId, DEFAULT_PROGRAM_SLUG) as number,
      recordedBy: coordinator,
      minutes: 60,
      reason: 'Sesión de reposición',
      budgetMinutes: m1.budget.live,
    });
  }
});

describe('who reads a ledger', () => {
  test('a learner reads their own ledger and not a classmate’s', () => {
    expect(mayReadLedger(db, learner, learner)).toBe(true);
    expect(mayReadLedger(db, learner, classmate)).toBe(false);
    expect(mayReadLedger(db, learner, classmate, cohortId)).toBe(false);
    expect(codeOf(() => requireLedgerReader(db, learner, classmate))).toBe('error.forbidden');
  });

  test('an instructor reads their cohort’s learners through that cohort only; another instructor does not', () => {
    expect(mayReadLedger(db, instructor, learner, cohortId)).toBe(true);
    expect(mayReadLedger(db, instructor, learner, otherCohortId)).toBe(false);
    expect(mayReadLedger(db, instructor, learner)).toBe(false);
    expect(mayReadLedger(db, otherInstructor, learner, cohortId)).toBe(false);
    expect(mayReadLedger(db, otherInstructor, learner, otherCohortId)).toBe(false);
  });

  test('the instructor’s right ends when the learner withdraws; coordination and administration keep theirs', () => {
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator, reason: 'Cambio de adscripción' });
    expect(mayReadLedger(db, instructor, learner, cohortId)).toBe(false);
    expect(mayReadLedger(db, coordinator, learner)).toBe(true);
    expect(mayReadLedger(db, admin, learner, cohortId)).toBe(true);
  });
});

describe('the cohort ledger export', () => {
  const people = (rows: (string | number | null)[][]) => [...new Set(rows.slice(1).map((r) => r[0]))].length;

  test('instructors export only learners actively enrolled; coordination everyone’s', () => {
    expect(people(cohortLedgerRows(db, cohortId, plan, new Map(), { activeOnly: true }))).toBe(2);
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator, reason: 'Cambio de adscripción' });
    const instructorRows = cohortLedgerRows(db, cohortId, plan, new Map(), { activeOnly: true });
    expect(people(instructorRows)).toBe(1);
    expect(people(cohortLedgerRows(db, cohortId, plan, new Map(), { activeOnly: false }))).toBe(2);
    expect(instructorRows[0]?.slice(0, 3)).toEqual(['Persona', 'CURP', 'Fecha (Ciudad de México)']);
    expect(instructorRows[1]).toContain('Ajuste de horas de sesiones en vivo');
    expect(instructorRows[1]).toContain(1);
  });
});
