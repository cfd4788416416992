import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, enrollments } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { createCohort, listCohortsTaughtBy } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import type { DomainError } from '../../src/lib/server/errors.ts';
import {
  enrollInspectorOne,
  getRoster,
  listLearnerCohorts,
  reenrollInspector,
  withdrawInspector,
} from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
let coordinatorId: number;
let instructorId: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
  instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = createCohort(db, {
    name: 'Generación de prueba',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [instructorId],
    actorId: coordinatorId,
  }).id;
});

describe('enrollInspector', () => {
  test('enrolls an inspector, who then sees the cohort and appears on its roster', () => {
    const { id } = insertPerson(db, { roles: ['inspector'], fullName: 'Itzel Xochitiotzin Peña' });
    expect(enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId })).toEqual({ status: 'enrolled' });
    expect(listLearnerCohorts(db, id).map((c) => c.name)).toEqual(['Generación de prueba']);
    expect(getRoster(db, cohortId, { query: 'xochitiotzin' }).rows.map((r) => r.userId)).toEqual([id]);
  });

  test('refuses to enroll the same inspector twice', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId });
    expect(codeOf(() => enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.alreadyEnrolled');
    expect(db.select().from(enrollments).all()).toHaveLength(1);
  });

  test('refuses someone without the inspector role', () => {
    const { id } = insertPerson(db, { roles: ['instructor'] });
    expect(codeOf(() => enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.notInspector');
  });

  test('refuses an unknown cohort', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    expect(codeOf(() => enrollInspectorOne(db, { cohortId: 9999, userId: id, actorId: coordinatorId }))).toBe('cohort.notFound');
  });
});

describe('withdrawInspector and reenrollInspector', () => {
  test('withdrawal keeps the row, marks it withdrawn, and re-enrollment makes it active again', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId });
    withdrawInspector(db, { cohortId, userId: id, actorId: coordinatorId, reason: 'Cambio de adscripción' });
    const row = () =>
      db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.userId, id)))
        .get();
    expect(row()?.status).toBe('withdrawn');
    expect(row()?.withdrawnAt).toBeInstanceOf(Date);
    expect(getRoster(db, cohortId, { status: 'active' }).total).toBe(0);
    reenrollInspector(db, { cohortId, userId: id, actorId: coordinatorId, reason: 'Regresa a la oficina' });
    expect(row()?.status).toBe('active');
    expect(row()?.withdrawnAt).toBeNull();
    expect(db.select().from(enrollments).all()).toHaveLength(1);
  });

  test('cannot withdraw twice, nor withdraw or re-enroll someone never enrolled', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    expect(codeOf(() => withdrawInspector(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.notEnrolled');
    expect(codeOf(() => reenrollInspector(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.notEnrolled');
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId });
    withdrawInspector(db, { cohortId, userId: id, actorId: coordinatorId });
    expect(codeOf(() => withdrawInspector(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.alreadyWithdrawn');
  });

  test('re-enrolling someone already active is refused', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId });
    expect(codeOf(() => reenrollInspector(db, { cohortId, userId: id, actorId: coordinatorId }))).toBe('enrollment.alreadyEnrolled');
  });
});

describe('cohorts', () => {
  test('an instructor sees only the cohorts they teach', () => {
    const other = insertPerson(db, { roles: ['instructor'] }).id;
    createCohort(db, {
      name: 'Otra generación',
      startsOn: '2027-03-01',
      endsOn: '2027-08-01',
      instructorIds: [other],
      actorId: coordinatorId,
    });
    expect(listCohortsTaughtBy(db, instructorId).map((c) => c.name)).toEqual(['Generación de prueba']);
    expect(listCohortsTaughtBy(db, other).map((c) => c.name)).toEqual(['Otra generación']);
  });

  test('a cohort cannot end before it starts, reuse a name, or list a non-instructor', () => {
    expect(
      codeOf(() => createCohort(db, { name: 'X', startsOn: '2027-02-01', endsOn: '2027-01-01', instructorIds: [], actorId: null })),
    ).toBe('cohort.endsBeforeStart');
    expect(
      codeOf(() =>
        createCohort(db, { name: 'Generación de prueba', startsOn: '2027-02-01', endsOn: '2027-03-01', instructorIds: [], actorId: null }),
      ),
    ).toBe('cohort.nameTaken');
    const inspector = insertPerson(db, { roles: ['inspector'] }).id;
    expect(
      codeOf(() =>
        createCohort(db, { name: 'Y', startsOn: '2027-02-01', endsOn: '2027-03-01', instructorIds: [inspector], actorId: null }),
      ),
    ).toBe('cohort.notInstructor');
  });
});

describe('enrolling someone already in another running cohort of the same program', () => {
  const now = new Date('2026-10-01T17:00:00Z');
  const otherCohort = (name: string, startsOn: string, endsOn: string) =>
    createCohort(db, { name, startsOn, endsOn, instructorIds: [instructorId], actorId: coordinatorId }).id;

  test('is refused with a message naming that cohort, and nothing is written', () => {
    const running = otherCohort('Generación 2026-1 · Norte', '2026-03-01', '2026-11-30');
    const { id, person } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId: running, userId: id, actorId: coordinatorId, now });
    let refusal: DomainError | undefined;
    try {
      enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId, now });
    } catch (error) {
      refusal = error as DomainError;
    }
    expect(refusal?.code).toBe('enrollment.activeElsewhere');
    expect(t(refusal?.code ?? 'error.generic', refusal?.params)).toBe(
      t('enrollment.activeElsewhere', { name: person.fullName, cohort: 'Generación 2026-1 · Norte' }),
    );
    expect(db.select().from(enrollments).where(eq(enrollments.cohortId, cohortId)).all()).toHaveLength(0);
    // Re-enrolling a withdrawn person is held to the same rule.
    db.insert(enrollments).values({ cohortId, userId: id, status: 'withdrawn', enrolledAt: now, withdrawnAt: now }).run();
    expect(codeOf(() => reenrollInspector(db, { cohortId, userId: id, actorId: coordinatorId, reason: 'Regresa', now }))).toBe(
      'enrollment.activeElsewhere',
    );
  });

  test('goes ahead with a reason, which the audit log keeps', () => {
    const running = otherCohort('Generación 2026-1 · Norte', '2026-03-01', '2026-11-30');
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId: running, userId: id, actorId: coordinatorId, now });
    const concurrentReason = 'Recursa el módulo 3 con el grupo de su oficina';
    expect(enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId, concurrentReason, now })).toEqual({ status: 'enrolled' });
    const entry = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.cohortId, cohortId), eq(auditLog.subjectUserId, id)))
      .get();
    expect(entry).toMatchObject({ action: 'enrollment.created', actorId: coordinatorId, reason: concurrentReason });
  });

  test('is not asked for when the other cohort has ended, the person left it, or it is this very cohort', () => {
    const ended = otherCohort('Generación 2025-2 · Sur', '2025-09-01', '2026-06-30');
    const left = otherCohort('Generación 2026-1 · Norte', '2026-03-01', '2026-11-30');
    const { id } = insertPerson(db, { roles: ['inspector'] });
    enrollInspectorOne(db, { cohortId: ended, userId: id, actorId: coordinatorId, now });
    enrollInspectorOne(db, { cohortId: left, userId: id, actorId: coordinatorId, now });
    withdrawInspector(db, { cohortId: left, userId: id, actorId: coordinatorId, reason: 'Cambio de grupo', now });
    expect(enrollInspectorOne(db, { cohortId, userId: id, actorId: coordinatorId, now })).toEqual({ status: 'enrolled' });
    withdrawInspector(db, { cohortId, userId: id, actorId: coordinatorId, reason: 'Licencia', now });
    expect(codeOf(() => reenrollInspector(db, { cohortId, userId: id, actorId: coordinatorId, reason: 'Regresa', now }))).toBeUndefined();
  });
});
