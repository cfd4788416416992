import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { hoursLedger, lessonProgress } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { backfillLedger } from '../../src/lib/server/hours/backfill.ts';
import { reconcileQuizCredit } from '../../src/lib/server/hours/credits.ts';
import {
  creditInFull,
  enrollmentForCredit,
  ledgerTotals,
  listLedgerEntries,
  moduleMinutes,
  recordAdjustment,
  setCredit,
} from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { type HoursPlan, syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const plan: HoursPlan = loadHoursPlanFromFiles();
const M1 = '01-fundamentos-inspeccion';
const m1 = plan.modules.find((m) => m.slug === M1) as HoursPlan['modules'][number];
const lesson1 = m1.lessons[0] as { id: string; minutes: number };

let db: Db;
let learner: number;
let coordinator: number;
let cohortId: number;
let enrollmentId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  const instructor = insertPerson(db, { roles: ['instructor'] }).id;
  learner = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollmentId = enrollmentForCredit(db, learner, DEFAULT_PROGRAM_SLUG) as number;
});

const lessonTarget = () => ({
  userId: learner,
  programSlug: DEFAULT_PROGRAM_SLUG,
  moduleSlug: M1,
  source: 'lesson' as const,
  budget: 'study' as const,
  ref: lesson1.id,
  refMinutes: lesson1.minutes,
  enrollmentId,
  recordedBy: null,
});

function completeWithTime(lessonId: string, hoursMinutes: number) {
  const ref = { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, lessonId };
  recordHeartbeat(db, ref);
  return completeLesson(db, { ...ref, minMinutes: 0, hours: hoursMinutes / 60 });
}

describe('the plan', () => {
  test('budgets come from module.yaml in minutes, and the program totals 120 hours', () => {
    expect(plan.totalMinutes).toBe(120 * 60);
    const budgeted = plan.modules.reduce((s, m) => s + m.budget.study + m.budget.live + m.budget.practice + m.budget.evaluation, 0);
    expect(budgeted).toBe(120 * 60);
    for (const m of plan.modules) expect(m.lessons.reduce((s, l) => s + l.minutes, 0)).toBe(m.budget.study);
  });
});

describe('syncHourBudgets', () => {
  const stored = () =>
    db.$client.prepare('select module_slug as m, budget as b, minutes from hour_budgets order by 1, 2').all() as {
      m: string;
      b: string;
      minutes: number;
    }[];

  test('stores every module budget, writes nothing when they match, and follows a changed plan', () => {
    expect(stored()).toHaveLength(plan.modules.length * 4);
    expect(stored().find((r) => r.m === M1 && r.b === 'study')?.minutes).toBe(m1.budget.study);

    const before = db.$client.prepare('select total_changes() as n').get() as { n: number };
    syncHourBudgets(db, plan);
    expect((db.$client.prepare('select total_changes() as n').get() as { n: number }).n).toBe(before.n);

    const changed: HoursPlan = {
      ...plan,
      modules: plan.modules.slice(1).map((m, i) => (i === 0 ? { ...m, budget: { ...m.budget, live: m.budget.live + 30 } } : m)),
    };
    syncHourBudgets(db, changed);
    const rows = stored();
    expect(rows).toHaveLength((plan.modules.length - 1) * 4);
    expect(rows.some((r) => r.m === M1)).toBe(false);
    const second = plan.modules[1] as HoursPlan['modules'][number];
    expect(rows.find((r) => r.m === second.slug && r.b === 'live')?.minutes).toBe(second.budget.live + 30);

    syncHourBudgets(db, plan);
    expect(stored()).toHaveLength(plan.modules.length * 4);
    expect(rows.find((r) => r.m === second.slug && r.b === 'study')?.minutes).toBe(second.budget.study);
  });
});

describe('crediting', () => {
  test('completing a lesson credits its hours once, in the same transaction, whatever the retries', () => {
    expect(completeWithTime(lesson1.id, lesson1.minutes).creditedMinutes).toBe(lesson1.minutes);
    expect(completeWithTime(lesson1.id, lesson1.minutes).creditedMinutes).toBe(0);
    creditInFull(db, lessonTarget());
    const totals = ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG);
    expect(totals.total).toBe(lesson1.minutes);
    expect(moduleMinutes(totals, M1)).toBe(lesson1.minutes);
    expect(listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG)).toHaveLength(1);
  });

  test('totals are the sums of the ledger, per module and budget', () => {
    for (const lesson of m1.lessons) completeWithTime(lesson.id, lesson.minutes);
    setCredit(db, { ...lessonTarget(), source: 'live_session', budget: 'live', ref: 'session:1', refMinutes: 90, targetMinutes: 60 });
    const totals = ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG);
    const sum = db
      .select({ s: sql<number>`sum(${hoursLedger.minutes})` })
      .from(hoursLedger)
      .get()?.s;
    expect(totals.total).toBe(sum);
    expect(totals.byModule.get(M1)?.get('study')).toBe(m1.budget.study);
    expect(totals.byModule.get(M1)?.get('live')).toBe(60);
  });

  test('concurrent duplicate credits from two connections never exceed the reference', async () => {
    const path = db.$client.name;
    const { openDatabase } = await import('../../db/connection.ts');
    const other = openDatabase(path);
    for (let i = 0; i < 20; i++) {
      creditInFull(i % 2 === 0 ? db : other, lessonTarget());
    }
    other.$client.close();
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(lesson1.minutes);
  });

  test('the database refuses an entry that would credit a reference twice, even bypassing the code', () => {
    creditInFull(db, lessonTarget());
    expect(() =>
      db
        .insert(hoursLedger)
        .values({ ...lessonTarget(), minutes: lesson1.minutes, recordedAt: new Date() })
        .run(),
    ).toThrow(/net credit of a reference/);
  });

  test('the database refuses credit beyond a module budget', () => {
    expect(() =>
      db
        .insert(hoursLedger)
        .values({ ...lessonTarget(), ref: 'x', refMinutes: 100_000, minutes: m1.budget.study + 1, recordedAt: new Date() })
        .run(),
    ).toThrow(/module budget/);
  });

  test('a credit beyond what is left of a budget is clipped, with the reason written down', () => {
    const live = { ...lessonTarget(), source: 'live_session' as const, budget: 'live' as const };
    setCredit(db, { ...live, ref: 'session:1', refMinutes: 90, targetMinutes: 90 });
    const second = setCredit(db, { ...live, ref: 'session:2', refMinutes: 90, targetMinutes: 90 });
    expect(second).toBe(m1.budget.live - 90);
    const last = listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG).at(-1);
    expect(last?.reason).toMatch(/sesiones en vivo/);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).byModule.get(M1)?.get('live')).toBe(m1.budget.live);
  });

  test('people never enrolled in the program earn nothing (staff trying a lesson)', () => {
    const staff = insertPerson(db, { roles: ['instructor', 'inspector'] }).id;
    const ref = { userId: staff, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, lessonId: lesson1.id };
    expect(completeLesson(db, { ...ref, minMinutes: 0, hours: 1 }).creditedMinutes).toBe(0);
    expect(ledgerTotals(db, staff, DEFAULT_PROGRAM_SLUG).total).toBe(0);
  });
});

describe('the ledger is append-only', () => {
  test('UPDATE and DELETE are refused by the database', () => {
    creditInFull(db, lessonTarget());
    expect(() => db.$client.exec('update hours_ledger set minutes = 999')).toThrow(/append-only/);
    expect(() => db.$client.exec('delete from hours_ledger')).toThrow(/append-only/);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(lesson1.minutes);
  });

  test('a reversal is a new negative entry with its reason, and the reference can be credited again', () => {
    creditInFull(db, lessonTarget());
    expect(setCredit(db, { ...lessonTarget(), targetMinutes: 0, reason: 'Se acreditó por error', recordedBy: coordinator })).toBe(0);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(0);
    expect(creditInFull(db, lessonTarget())).toBe(lesson1.minutes);
    const entries = listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG);
    expect(entries.map((e) => e.minutes)).toEqual([lesson1.minutes, -lesson1.minutes, lesson1.minutes]);
    expect(entries[1]?.reason).toBe('Se acreditó por error');
  });

  test('adjustments add and take back within the budget, never below zero', () => {
    const input = { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, budget: 'practice' as const };
    const common = { ...input, enrollmentId, recordedBy: coordinator, budgetMinutes: m1.budget.practice };
    expect(recordAdjustment(db, { ...common, minutes: 30, reason: 'Práctica en otra oficina' })).toBe(30);
    expect(recordAdjustment(db, { ...common, minutes: -45, reason: 'Corrección' })).toBe(-30);
    expect(recordAdjustment(db, { ...common, minutes: 10_000, reason: 'Exceso' })).toBe(m1.budget.practice);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(m1.budget.practice);
  });
});

describe('one ledger per person and program', () => {
  test('withdrawal keeps the history; a second cohort of the program continues it', () => {
    creditInFull(db, lessonTarget());
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator, reason: 'Cambio de adscripción' });
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(lesson1.minutes);
    const instructor = insertPerson(db, { roles: ['instructor'] }).id;
    const second = insertCohort(db, {
      name: 'G2',
      startsOn: '2027-03-01',
      endsOn: '2027-08-27',
      instructorIds: [instructor],
      actorId: null,
    }).id;
    enrollInspectorOne(db, { cohortId: second, userId: learner, actorId: null });
    const next = enrollmentForCredit(db, learner, DEFAULT_PROGRAM_SLUG) as number;
    expect(next).not.toBe(enrollmentId);
    // Credited in the first cohort already: the net stays, nothing new is written.
    expect(creditInFull(db, { ...lessonTarget(), enrollmentId: next })).toBe(lesson1.minutes);
    const lesson2 = m1.lessons[1] as { id: string; minutes: number };
    creditInFull(db, { ...lessonTarget(), ref: lesson2.id, refMinutes: lesson2.minutes, enrollmentId: next });
    const entries = listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG);
    expect(entries.map((e) => e.cohortName)).toEqual(['G1', 'G2']);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(lesson1.minutes + lesson2.minutes);
  });
});

describe('quizzes', () => {
  const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${M1}/quiz.yaml`, 'utf8')));
  const ref = () => ({ userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1 });

  test('a quiz sent with nothing right credits nothing; passing credits the evaluation budget', () => {
    const { attemptId } = startAttempt(db, { ...ref(), quiz, cohortId, now: new Date() });
    submitAttempt(db, { attemptId, userId: learner });
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(0);
    // Grade it as passed, the way an instructor's regrade would change it, and reconcile.
    db.run(sql`update quiz_attempts set score = max_score where id = ${attemptId}`);
    expect(reconcileQuizCredit(db, { userId: learner, moduleSlug: M1 })).toBe(m1.budget.evaluation);
    expect(reconcileQuizCredit(db, { userId: learner, moduleSlug: M1 })).toBe(m1.budget.evaluation);
    // Regraded from pass to fail: reversed, with the reason.
    db.run(sql`update quiz_attempts set score = 0 where id = ${attemptId}`);
    expect(reconcileQuizCredit(db, { userId: learner, moduleSlug: M1, actorId: coordinator })).toBe(0);
    const entries = listLedgerEntries(db, learner, DEFAULT_PROGRAM_SLUG);
    expect(entries.map((e) => e.minutes)).toEqual([m1.budget.evaluation, -m1.budget.evaluation]);
    expect(entries[1]?.reason).toMatch(/dejó de ser aprobatoria/);
  });
});

describe('backfill', () => {
  test('credits completions and passed quizzes made before the ledger, once', () => {
    const now = new Date();
    db.insert(lessonProgress)
      .values({ userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, lessonId: lesson1.id, openedAt: now, completedAt: now })
      .run();
    expect(backfillLedger(db, plan)).toBe(1);
    expect(backfillLedger(db, plan)).toBe(0);
    expect(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG).total).toBe(lesson1.minutes);
  });
});
