import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, fieldPractices, hoursLedger } from '../../db/schema/index.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { adjustHours, reverseCredit } from '../../src/lib/server/hours/corrections.ts';
import { listFieldPractices, recordFieldPractice } from '../../src/lib/server/hours/field-practice.ts';
import { ledgerTotals } from '../../src/lib/server/hours/ledger.ts';
import { getLedgerPage } from '../../src/lib/server/hours/ledger-view.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

const { plan } = loadStandingContext();
const m6 = plan.modules[5] as (typeof plan.modules)[number];
const now = new Date('2026-10-05T17:00:00Z');

let db: Db;
let learner: number;
let coordinator: number;
let instructor: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  learner = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
});

const total = () => ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total;
const audits = (action: string) =>
  db
    .select({ actorId: auditLog.actorId, reason: auditLog.reason, details: auditLog.details, cohortId: auditLog.cohortId })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectUserId, learner)))
    .all();

describe('adjustHours', () => {
  test('a correction changes the total and is audited with its reason', () => {
    const before = total();
    const input = {
      actorId: coordinator,
      userId: learner,
      moduleSlug: m6.slug,
      budget: 'live' as const,
      reason: 'Asistió a la sesión de reposición',
      now,
    };
    expect(adjustHours(db, plan, { ...input, minutes: 150 })).toEqual({ minutes: 150 });
    expect(total()).toBe(before + 150);
    expect(adjustHours(db, plan, { ...input, minutes: -30, reason: 'Error de captura' })).toEqual({ minutes: -30 });
    expect(total()).toBe(before + 120);
    expect(audits('hours.adjusted')).toEqual([
      {
        actorId: coordinator,
        reason: 'Asistió a la sesión de reposición',
        cohortId,
        details: JSON.stringify({ module: m6.slug, minutes: 150, budget: 'live' }),
      },
      {
        actorId: coordinator,
        reason: 'Error de captura',
        cohortId,
        details: JSON.stringify({ module: m6.slug, minutes: -30, budget: 'live' }),
      },
    ]);
    const page = getLedgerPage(db, learner, plan, new Map());
    expect(page.lines.map((l) => [l.minutes, l.reason, l.recordedByName !== null])).toEqual([
      [150, 'Asistió a la sesión de reposición', true],
      [-30, 'Error de captura', true],
    ]);
  });

  test('refuses a step that is not a quarter hour, more than the budget left, or taking back more than was adjusted', () => {
    const input = { actorId: coordinator, userId: learner, moduleSlug: m6.slug, budget: 'live' as const, reason: 'Motivo', now };
    expect(codeOf(() => adjustHours(db, plan, { ...input, minutes: 10 }))).toBe('hours.adjust.step');
    expect(codeOf(() => adjustHours(db, plan, { ...input, minutes: m6.budget.live + 15 }))).toBe('hours.adjust.overBudget');
    expect(codeOf(() => adjustHours(db, plan, { ...input, minutes: -15 }))).toBe('hours.adjust.belowAdjustments');
    expect(codeOf(() => adjustHours(db, plan, { ...input, reason: '  ', minutes: 15 }))).toBe('hours.reasonRequired');
    expect(total()).toBe(0);
    expect(audits('hours.adjusted')).toEqual([]);
  });

  test('only coordination corrects hours, and not on an account it could not grant', () => {
    const input = { userId: learner, moduleSlug: m6.slug, budget: 'live' as const, minutes: 60, reason: 'Motivo', now };
    expect(codeOf(() => adjustHours(db, plan, { ...input, actorId: instructor }))).toBe('hours.correct.forbidden');
    expect(codeOf(() => adjustHours(db, plan, { ...input, actorId: learner }))).toBe('hours.correct.forbidden');
    const otherCoordinator = insertPerson(db, { roles: ['coordinator', 'inspector'] }).id;
    enrollInspectorOne(db, { cohortId, userId: otherCoordinator, actorId: null });
    expect(codeOf(() => adjustHours(db, plan, { ...input, userId: otherCoordinator, actorId: coordinator }))).toBe('people.actOn.role');
    expect(db.select().from(hoursLedger).all()).toEqual([]);
  });
});

describe('reverseCredit', () => {
  test('reverses one credited lesson with its reason, audited, and the total drops by its hours', () => {
    const lesson = m6.lessons[0] as { id: string; minutes: number };
    const ref = { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: m6.slug, lessonId: lesson.id };
    recordHeartbeat(db, ref);
    completeLesson(db, { ...ref, minMinutes: 0, hours: lesson.minutes / 60 });
    const entry = db.select({ id: hoursLedger.id }).from(hoursLedger).get() as { id: number };
    expect(total()).toBe(lesson.minutes);
    expect(reverseCredit(db, { actorId: coordinator, entryId: entry.id, reason: 'Completada por error', now })).toEqual({
      minutes: -lesson.minutes,
    });
    expect(total()).toBe(0);
    expect(codeOf(() => reverseCredit(db, { actorId: coordinator, entryId: entry.id, reason: 'Otra vez', now }))).toBe(
      'hours.reverse.nothing',
    );
    expect(audits('hours.reversed')).toMatchObject([{ actorId: coordinator, reason: 'Completada por error' }]);
    expect(codeOf(() => reverseCredit(db, { actorId: instructor, entryId: entry.id, reason: 'x', now }))).toBe('hours.correct.forbidden');
  });
});

describe('recordFieldPractice', () => {
  const practice = () => ({
    actorId: instructor,
    userId: learner,
    cohortId,
    moduleSlug: m6.slug,
    practicedOn: '2026-10-02',
    minutes: 120,
    rubricScore: 86.5,
    evidenceNote: 'Inspección acompañada en planta de autopartes; acta revisada.',
    now,
  });

  test('the cohort instructor records a practice: the row, its credit as practice:<id> and the audit entry', () => {
    const { id, creditedMinutes } = recordFieldPractice(db, plan, practice());
    expect(creditedMinutes).toBe(Math.min(120, m6.budget.practice));
    const entry = db
      .select()
      .from(hoursLedger)
      .where(eq(hoursLedger.ref, `practice:${id}`))
      .get();
    expect(entry).toMatchObject({
      source: 'practice',
      budget: 'practice',
      moduleSlug: m6.slug,
      recordedBy: instructor,
      minutes: creditedMinutes,
    });
    expect(audits('practice.recorded')).toMatchObject([{ actorId: instructor, cohortId }]);
    expect(listFieldPractices(db, learner)).toMatchObject([{ id, rubricScore: 86.5, practicedOn: '2026-10-02' }]);
    const line = getLedgerPage(db, learner, plan, new Map()).lines[0];
    expect(line?.reference).toBe('Práctica del 2 de octubre de 2026');
  });

  test('refuses a date in the future or outside the cohort, a missing evidence note, and writes nothing', () => {
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), practicedOn: '2026-10-06' }))).toBe('hours.practice.future');
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), practicedOn: '2026-09-01' }))).toBe('hours.practice.outsideCohort');
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), evidenceNote: ' ' }))).toBe('hours.practice.evidenceRequired');
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), rubricScore: 120 }))).toBe('hours.practice.rubric');
    expect(db.select().from(fieldPractices).all()).toEqual([]);
    expect(total()).toBe(0);
  });

  test('another instructor, or the instructor after the learner withdrew, may not record it', () => {
    const other = insertPerson(db, { roles: ['instructor'] }).id;
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), actorId: other }))).toBe('error.forbidden');
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator, reason: 'Cambio de adscripción' });
    expect(codeOf(() => recordFieldPractice(db, plan, practice()))).toBe('error.forbidden');
    expect(codeOf(() => recordFieldPractice(db, plan, { ...practice(), actorId: coordinator }))).toBe('hours.practice.notEnrolled');
  });
});
