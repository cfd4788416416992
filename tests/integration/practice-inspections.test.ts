import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { hoursLedger } from '../../db/schema/index.ts';
import type { InspectionScenario } from '../../src/lib/content/inspection-schema.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { ledgerTotals, moduleMinutes } from '../../src/lib/server/hours/ledger.ts';
import { whatIsMissing } from '../../src/lib/server/hours/missing.ts';
import { getStanding } from '../../src/lib/server/hours/standing.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import {
  attemptVisibleTo,
  getInspectionAttempt,
  listCohortInspectionAttempts,
  saveInspectionStep,
  startInspection,
  submitInspection,
} from '../../src/lib/server/practice/inspection.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { INSPECTION_STEPS } from '../../src/lib/server/practice/inspection-state.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

// The pages read the server's one connection; here it is each test's database.
let db: Db;
vi.mock('../../src/lib/server/db.ts', () => ({ getDb: () => db }));

const context = loadStandingContext();
const { plan } = context;
const inspections = loadInspectionsFromDir();
const lerma = inspections.find((i) => i.scenario.slug === 'arneses-lerma') as (typeof inspections)[number];
const M10 = '10-practica-integradora';

let learner: number;
let classmate: number;
let instructor: number;
let otherInstructor: number;
let coordinator: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  learner = insertPerson(db).id;
  classmate = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  insertCohort(db, { name: 'G2', startsOn: '2027-03-01', endsOn: '2027-08-27', instructorIds: [otherInstructor], actorId: null });
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
});

/** The forms a learner posts, step by step, for the given choices. */
function forms(s: InspectionScenario, quality: 'perfect' | 'poor'): [string, FormData][] {
  const f = (entries: [string, string][]) => {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return form;
  };
  const good = quality === 'perfect';
  return [
    ['tipo', f([['type', good ? s.type.correct : s.type.correct === 'ordinaria' ? 'extraordinaria' : 'ordinaria']])],
    ['documentos', f(s.documents.filter((d) => d.key && good).map((d) => ['documents', d.id]))],
    ['entrevistas', f(s.interviews.filter((d) => d.key && good).map((d) => ['interviews', d.id]))],
    ['lista', f(s.checklist.filter((c) => c.expected === good).map((c) => ['checklist', c.id]))],
    [
      'hallazgos',
      f(
        s.facts.flatMap((fact) => [
          ['fact', fact.id],
          ['verdict', good ? (fact.violation ? 'violacion' : 'cumple') : ''],
          ['basis1', good ? (fact.basis[0] ?? '') : ''],
          ['basis2', ''],
        ]),
      ),
    ],
    [
      'medidas',
      f(
        s.measures.flatMap((m) => [
          ['measure', m.id],
          ['timing', good ? m.expected : 'ninguna'],
        ]),
      ),
    ],
  ];
}

function play(userId: number, quality: 'perfect' | 'poor') {
  const attempt = startInspection(db, { userId, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
  for (const [step, form] of forms(lerma.scenario, quality))
    saveInspectionStep(db, { userId, attemptId: attempt.id, scenario: lerma.scenario, step, go: 'next', form });
  return submitInspection(db, { userId, attemptId: attempt.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG });
}

const entries = (userId: number) =>
  db
    .select()
    .from(hoursLedger)
    .where(and(eq(hoursLedger.userId, userId), eq(hoursLedger.ref, 'inspection:arneses-lerma')))
    .all();

describe('attempts', () => {
  test('one in progress per person and scenario: starting again resumes it, where it was left', () => {
    const a = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    const [[step, form]] = forms(lerma.scenario, 'perfect') as [[string, FormData]];
    expect(saveInspectionStep(db, { userId: learner, attemptId: a.id, scenario: lerma.scenario, step, go: 'next', form })).toBe(
      'documentos',
    );
    const again = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    expect(again.id).toBe(a.id);
    expect(again.state).toMatchObject({ step: 'documentos', type: 'ordinaria' });
    expect(again).toMatchObject({ cohortId, version: lerma.version, status: 'in_progress' });
  });

  test('people never enrolled cannot start one (staff try it as a preview: practice-preview.test.ts)', () => {
    const stranger = insertPerson(db).id;
    expect(codeOf(() => startInspection(db, { userId: stranger, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma }))).toBe(
      'inspection.notEnrolled',
    );
  });

  test('a submitted attempt cannot be changed or submitted again', () => {
    const { attempt } = play(learner, 'perfect');
    const form = new FormData();
    form.append('type', 'extraordinaria');
    expect(
      codeOf(() =>
        saveInspectionStep(db, { userId: learner, attemptId: attempt.id, scenario: lerma.scenario, step: 'tipo', go: 'next', form }),
      ),
    ).toBe('inspection.alreadySubmitted');
    expect(
      codeOf(() => submitInspection(db, { userId: learner, attemptId: attempt.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG })),
    ).toBe('inspection.alreadySubmitted');
  });
});

describe('hours', () => {
  test('a passing attempt credits the hour once, through the ledger, from module 10 practice budget', () => {
    const first = play(learner, 'perfect');
    expect(first.attempt).toMatchObject({ status: 'submitted' });
    expect(first.attempt.score).toBe(first.attempt.maxScore);
    expect(first.credited).toBe(60);
    // A second passing attempt adds nothing: the hour is the scenario's, not the attempt's.
    const second = play(learner, 'perfect');
    expect(second.credited).toBe(0);
    const rows = entries(learner);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'practice', budget: 'practice', moduleSlug: M10, minutes: 60, recordedBy: null });
    expect(moduleMinutes(ledgerTotals(db, learner, DEFAULT_PROGRAM_SLUG), M10)).toBe(60);
  });

  test('a failing attempt credits nothing, and never takes back an hour already earned', () => {
    const poor = play(classmate, 'poor');
    expect(poor.credited).toBe(0);
    expect((poor.attempt.score ?? 0) / (poor.attempt.maxScore ?? 1)).toBeLessThan(0.6);
    expect(entries(classmate)).toHaveLength(0);
    play(classmate, 'perfect');
    play(classmate, 'poor');
    expect(entries(classmate).reduce((n, e) => n + e.minutes, 0)).toBe(60);
  });
});

test('what is missing names the practice inspections of module 10 until their hours are in', () => {
  const practice = new Map([[M10, 3]]);
  const sentence = (left: number) => `inspecciones simuladas del módulo 10 que le faltan: ${left}.`;
  expect(whatIsMissing(getStanding(db, learner, context), practice).join(' ')).toContain(sentence(3));
  play(learner, 'perfect');
  const after = whatIsMissing(getStanding(db, learner, context), practice).join(' ');
  expect(after).toContain(sentence(2));
  // Without the map (other callers), nothing changes.
  expect(whatIsMissing(getStanding(db, learner, context)).join(' ')).not.toContain('inspecciones simuladas');
});

describe('who sees what', () => {
  test('a learner only their own; an instructor only the learners they teach, while enrolled; coordination all', () => {
    const { attempt } = play(learner, 'perfect');
    expect(attemptVisibleTo(db, attempt, learner)).toBe(true);
    expect(attemptVisibleTo(db, attempt, classmate)).toBe(false);
    expect(attemptVisibleTo(db, attempt, instructor)).toBe(true);
    expect(attemptVisibleTo(db, attempt, otherInstructor)).toBe(false);
    expect(attemptVisibleTo(db, attempt, coordinator)).toBe(true);
    expect(listCohortInspectionAttempts(db, instructor, cohortId).map((a) => a.id)).toEqual([attempt.id]);
    expect(listCohortInspectionAttempts(db, otherInstructor, cohortId)).toEqual([]);
    expect(listCohortInspectionAttempts(db, coordinator, cohortId)).toHaveLength(1);
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator });
    expect(attemptVisibleTo(db, attempt, instructor)).toBe(false);
    expect(listCohortInspectionAttempts(db, instructor, cohortId)).toEqual([]);
    expect(attemptVisibleTo(db, attempt, coordinator)).toBe(true);
  });

  test("nobody saves or submits someone else's attempt", () => {
    const a = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    const form = new FormData();
    form.append('type', 'ordinaria');
    expect(
      codeOf(() =>
        saveInspectionStep(db, { userId: classmate, attemptId: a.id, scenario: lerma.scenario, step: 'tipo', go: 'next', form }),
      ),
    ).toBe('inspection.notFound');
    expect(
      codeOf(() => submitInspection(db, { userId: classmate, attemptId: a.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG })),
    ).toBe('inspection.notFound');
    expect(getInspectionAttempt(db, a.id)?.state.type).toBeNull();
  });
});

describe('the rubric stays on the server until submission', () => {
  const s = lerma.scenario;
  // Everything only the rubric knows: its explanations (the evidence the learner asked for is not rubric).
  const secrets = [s.type.feedback, ...[...s.documents, ...s.interviews, ...s.checklist, ...s.facts, ...s.measures].map((i) => i.feedback)];
  const html = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

  async function render(attemptId: number, userId: number, step?: string) {
    const { default: Page } = await import('../../src/pages/diplomado/practicas/[intento].astro');
    const container = await AstroContainer.create();
    const url = `http://localhost/diplomado/practicas/${attemptId}${step ? `?paso=${step}` : ''}`;
    return container.renderToString(Page, {
      params: { intento: String(attemptId) },
      request: new Request(url),
      locals: { user: { id: userId, roles: ['inspector'], fullName: 'Prueba', email: 'p@example.mx' }, session: null },
    });
  }

  test('no page of an attempt in progress carries the rubric; the result after submission does', async () => {
    const a = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    for (const [step, form] of forms(s, 'perfect'))
      saveInspectionStep(db, { userId: learner, attemptId: a.id, scenario: s, step, go: 'next', form });
    for (const step of INSPECTION_STEPS) {
      const page = await render(a.id, learner, step);
      expect(page).toContain(s.title);
      for (const secret of secrets) expect(page, `${step} leaks «${secret.slice(0, 40)}…»`).not.toContain(html(secret).slice(0, 60));
      expect(page).not.toMatch(/"(key|expected|basis|distractors|violation)"\s*:/);
    }
    // The state saved (and sent back as each form's values) holds only the learner's own choices.
    expect(Object.keys(getInspectionAttempt(db, a.id)?.state ?? {}).sort()).toEqual(
      ['checklist', 'documents', 'findings', 'interviews', 'measures', 'step', 'type'].sort(),
    );
    submitInspection(db, { userId: learner, attemptId: a.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG });
    const result = await render(a.id, learner);
    expect(result).toContain(html(s.facts[0]?.feedback ?? '').slice(0, 60));
  });

  test("a learner cannot open a classmate's attempt", async () => {
    const a = startInspection(db, { userId: classmate, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    // The page rewrites to /404 (the container has no 404 page to render, so it says so).
    await expect(render(a.id, learner)).rejects.toThrow(/\/404/);
  });
});
