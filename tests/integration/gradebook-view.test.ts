import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { lessonProgress } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createSession, generateToken } from '../../src/lib/server/auth/session.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { getCohortGradebook } from '../../src/lib/server/quizzes/gradebook.ts';
import { buildGradebookView, type GradebookModule, parseGradebookSort } from '../../src/lib/server/quizzes/gradebook-view.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { requireAttemptForStaff } from '../../src/lib/server/quizzes/staff-attempt.ts';
import { codeOf } from '../domain-error.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
/** Objective questions only, so every attempt is graded at once; one point per question drawn. */
const quiz: Quiz = {
  ...base,
  attempts: 5,
  grading: 'highest',
  draw: [{ pool: 'basicos', count: 4 }],
  pools: [{ ...(base.pools[0] as Quiz['pools'][number]), questions: (base.pools[0]?.questions ?? []).filter((q) => q.type !== 'essay') }],
};
const M1 = '01-fundamentos';
const M2 = '02-condiciones';
const modules: GradebookModule[] = [
  { slug: M1, number: 1, lessonIds: [`${M1}/01-a`, `${M1}/02-b`, `${M1}/03-c`] },
  { slug: M2, number: 2, lessonIds: [`${M2}/01-a`, `${M2}/02-b`] },
];
const quizzes = modules.map((m) => ({ moduleSlug: m.slug, quiz }));
const PROGRAM = 'diplomado-inspeccion-federal';
let db: Db;
let cohortId: number;
let instructorId: number;

beforeEach(() => {
  db = createTestDb();
  instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = createCohort(db, { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [instructorId], actorId: null }).id;
});

function learner(fullName: string): number {
  const { id } = insertPerson(db, { fullName, roles: ['inspector'] });
  enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
  return id;
}

/** An attempt answering art-12 right or wrong and nothing else, sent at `at`. */
function take(userId: number, moduleSlug: string, right: boolean, at: Date): number {
  const { attemptId } = startAttempt(db, { userId, programSlug: PROGRAM, moduleSlug, quiz, cohortId, now: at });
  const slot = getAttempt(db, attemptId)?.layout.questions.find((q) => q.id === 'art-12');
  const question = quiz.pools[0]?.questions.find((q) => q.id === 'art-12');
  if (!slot || question?.type !== 'single') throw new Error('art-12 expected');
  const shown = toPublicQuestion(question, slot);
  const choice = shown.type === 'single' ? (shown.options.find((o) => o.text === (right ? 'Art. 12' : 'Art. 15'))?.id ?? null) : null;
  saveResponses(db, { attemptId, userId, answers: { 'art-12': { type: 'single', choice } }, now: at });
  submitAttempt(db, { attemptId, userId, now: at });
  return attemptId;
}

function complete(userId: number, lessonId: string, at: Date): void {
  const moduleSlug = lessonId.split('/')[0] as string;
  db.insert(lessonProgress)
    .values({ userId, programSlug: PROGRAM, moduleSlug, lessonId, openedAt: at, engagedSeconds: 600, completedAt: at })
    .run();
}

function view(orden: string | null = null, dir: string | null = null) {
  return buildGradebookView(db, getCohortGradebook(db, cohortId, quizzes), modules, parseGradebookSort(orden, dir, modules));
}

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 16));

describe('buildGradebookView', () => {
  test('computes each learner’s average, lessons completed per module and last visit from the database', () => {
    const ana = learner('Ángela Ñúñez Gutiérrez');
    const zoe = learner('Zoé Ramírez Luna');
    const nadie = learner('Óscar Pérez Ibarra');
    take(ana, M1, true, day(2));
    const last = take(ana, M1, false, day(3));
    take(ana, M2, false, day(4));
    complete(ana, `${M1}/01-a`, day(1));
    complete(ana, `${M1}/02-b`, day(1));
    complete(ana, `${M2}/01-a`, day(5));
    complete(ana, 'otro-modulo/01-x', day(20)); // not in these modules: not counted as a lesson
    complete(zoe, `${M1}/01-a`, day(6));
    createSession(db, generateToken(), zoe, day(9));

    const { rows, totals } = view();
    const byId = new Map(rows.map((r) => [r.userId, r]));
    const a = byId.get(ana);
    const m1 = a?.cells[M1]?.grade as number;
    const m2 = a?.cells[M2]?.grade as number;
    expect(m1).toBeGreaterThan(m2);
    expect(a?.average).toBeCloseTo((m1 + m2) / 2, 4);
    expect(a?.lessons).toEqual({ [M1]: 2, [M2]: 1 });
    expect(a?.lessonsTotal).toBe(3);
    expect(a?.lastVisit).toEqual(day(20));
    expect(a?.attemptIds[M1]).toBe(last);
    expect(byId.get(zoe)).toMatchObject({ average: null, lessonsTotal: 1, lastVisit: day(9), attemptIds: {} });
    expect(byId.get(nadie)).toMatchObject({ average: null, lessonsTotal: 0, lastVisit: null, passed: 0 });

    expect(totals.learners).toBe(3);
    expect(totals.modules[M1]?.average).toBeCloseTo(m1, 4);
    expect(totals.modules[M1]?.lessons).toBe(1);
    expect(totals.modules[M2]?.lessons).toBeCloseTo(1 / 3, 4);
    expect(totals.average).toBeCloseTo((m1 + m2) / 2, 4);
    expect(totals.lessons).toBeCloseTo(4 / 3, 4);
  });

  test('sorts names in Spanish order, and any column either way with empty values last', () => {
    const ana = learner('Ángela Ñúñez Gutiérrez');
    const zoe = learner('Zoé Ramírez Luna');
    const nico = learner('Nicolás Ñando Soto');
    const beto = learner('Alberto Ruiz');
    take(ana, M1, false, day(2));
    take(zoe, M1, true, day(2));
    complete(nico, `${M1}/01-a`, day(1));
    complete(nico, `${M1}/02-b`, day(1));
    complete(zoe, `${M1}/01-a`, day(8));
    const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName.split(' ')[0]);
    expect(names(view().rows)).toEqual(['Alberto', 'Ángela', 'Nicolás', 'Zoé']);
    expect(names(view('nombre', 'desc').rows)).toEqual(['Zoé', 'Nicolás', 'Ángela', 'Alberto']);
    expect(names(view('m1', 'desc').rows)).toEqual(['Zoé', 'Ángela', 'Alberto', 'Nicolás']);
    expect(names(view('m1', 'asc').rows)).toEqual(['Ángela', 'Zoé', 'Alberto', 'Nicolás']);
    expect(names(view('lecciones', 'desc').rows)).toEqual(['Nicolás', 'Zoé', 'Alberto', 'Ángela']);
    expect(names(view('visita', 'desc').rows)).toEqual(['Zoé', 'Ángela', 'Nicolás', 'Alberto']);
    expect(beto).toBeGreaterThan(0);
  });

  test('leaves out withdrawn learners, as the gradebook does', () => {
    const ana = learner('Ana Baja Luna');
    learner('Beatriz Sigue Mora');
    withdrawInspector(db, { cohortId, userId: ana, actorId: null, reason: 'Baja' });
    expect(view().rows.map((r) => r.fullName)).toEqual(['Beatriz Sigue Mora']);
    expect(view().totals.learners).toBe(1);
  });
});

describe('parseGradebookSort', () => {
  test('accepts the known columns and falls back to names A to Z', () => {
    expect(parseGradebookSort('m2', 'desc', modules)).toEqual({ key: 'm2', dir: 'desc' });
    expect(parseGradebookSort('m9', 'x', modules)).toEqual({ key: 'nombre', dir: 'asc' });
    expect(parseGradebookSort("'; drop", null, modules)).toEqual({ key: 'nombre', dir: 'asc' });
  });
});

describe('requireAttemptForStaff', () => {
  test('opens an attempt of the cohort for its instructor and coordination, and for no one else', () => {
    const ana = learner('Ana Luna');
    const attemptId = take(ana, M1, true, day(2));
    const coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
    const stranger = insertPerson(db, { roles: ['instructor'] }).id;
    expect(requireAttemptForStaff(db, { actorId: instructorId, cohortId, attemptId })).toMatchObject({ learnerName: 'Ana Luna' });
    expect(requireAttemptForStaff(db, { actorId: coordinator, cohortId, attemptId }).attempt.id).toBe(attemptId);
    expect(codeOf(() => requireAttemptForStaff(db, { actorId: stranger, cohortId, attemptId }))).toBe('error.forbidden');
    expect(codeOf(() => requireAttemptForStaff(db, { actorId: instructorId, cohortId: cohortId + 1, attemptId }))).toBe(
      'gradebook.attempt.notFound',
    );
    withdrawInspector(db, { cohortId, userId: ana, actorId: null, reason: 'Baja' });
    expect(codeOf(() => requireAttemptForStaff(db, { actorId: instructorId, cohortId, attemptId }))).toBe('error.forbidden');
  });
});
