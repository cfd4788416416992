import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { hoursLedger, practiceAttempts, type Role } from '../../db/schema/index.ts';
import { getCohortEligibility } from '../../src/lib/server/certificates/eligibility.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { listCohortPracticeAttempts } from '../../src/lib/server/practice/attempt-access.ts';
import { reviewCaseFile, saveCaseStep, startCaseFile, submitCaseFile } from '../../src/lib/server/practice/case-file-attempts.ts';
import { CASE_STEPS } from '../../src/lib/server/practice/case-file-rules.ts';
import {
  listCohortInspectionAttempts,
  saveInspectionStep,
  startInspection,
  submitInspection,
} from '../../src/lib/server/practice/inspection.ts';
import { type LoadedInspection, loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { submitKpiAttempt } from '../../src/lib/server/practice/kpi-attempts.ts';
import { getKpiDataset } from '../../src/lib/server/practice/kpi-data.ts';
import { listRankingsForReview } from '../../src/lib/server/tools/ranking-review.ts';
import { submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { referenceRanking } from '../../src/lib/server/tools/risk-reference.ts';
import { loadCertificateContext } from '../certificate-helpers.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { validCase } from '../practice-fixtures.ts';

/**
 * Staff try every exercise as a preview (issue 15): it works end to end, credits no hours, and
 * shows in no cohort's list, review queue or eligibility, not even for a staff member who is
 * also enrolled as a learner.
 */
let db: Db;
vi.mock('../../src/lib/server/db.ts', () => ({ getDb: () => db }));

const lerma = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma') as LoadedInspection;
const context = loadCertificateContext();
const now = new Date('2026-12-01T18:00:00Z');
let cohortId: number;
let coordinator: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, context.plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [], actorId: null }).id;
});

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** A perfect practice inspection, start to submission. */
function inspect(userId: number) {
  const s = lerma.scenario;
  const a = startInspection(db, { userId, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
  const steps: [string, FormData][] = [
    ['tipo', form([['type', s.type.correct]])],
    ['documentos', form(s.documents.filter((d) => d.key).map((d) => ['documents', d.id]))],
    [
      'hallazgos',
      form(
        s.facts.flatMap((f) => [
          ['fact', f.id],
          ['verdict', f.violation ? 'violacion' : 'cumple'],
          ['basis1', f.basis[0] ?? ''],
          ['basis2', ''],
        ]),
      ),
    ],
  ];
  for (const [step, f] of steps) saveInspectionStep(db, { userId, attemptId: a.id, scenario: s, step, go: 'next', form: f });
  return submitInspection(db, { userId, attemptId: a.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG });
}

/** One attempt of every kind, each submitted. */
function tryEverything(userId: number): number[] {
  const inspection = inspect(userId);
  expect(inspection.attempt.score).toBeGreaterThan(0);
  expect(inspection.credited).toBe(0);
  const picks = referenceRanking()
    .slice(0, 10)
    .map((r) => ({ employerId: r.employer.id, justification: 'Denuncias recientes y subcontratación alta.' }));
  const ranking = submitRanking(db, userId, picks);
  expect(ranking.percent).toBe(100);
  const kpi = submitKpiAttempt(db, getKpiDataset(), { userId, answers: {} });
  const { id: caseId } = startCaseFile(db, userId);
  const steps = validCase();
  for (const step of CASE_STEPS)
    expect(saveCaseStep(db, { userId, attemptId: caseId, step, raw: steps[step] })).toMatchObject({ ok: true });
  submitCaseFile(db, { userId, attemptId: caseId });
  return [inspection.attempt.id, ranking.attemptId, kpi.id, caseId];
}

describe.each([['instructor'], ['coordinator'], ['admin']] as [Role][])('a preview by %s', (role) => {
  test('works end to end, belongs to no cohort and credits no hours', () => {
    const staff = insertPerson(db, { roles: [role] }).id;
    const ids = tryEverything(staff);
    const rows = db.select().from(practiceAttempts).where(eq(practiceAttempts.userId, staff)).all();
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ cohortId: null, enrollmentId: null });
      expect(row.status).not.toBe('in_progress');
    }
    expect(db.select().from(hoursLedger).where(eq(hoursLedger.userId, staff)).all()).toEqual([]);
    // Nobody reviews their own preview, not even coordination.
    const caseId = ids[3] as number;
    expect(codeOf(() => reviewCaseFile(db, { reviewerId: staff, attemptId: caseId, comment: 'Revisión de mi propio caso.' }))).toBe(
      'error.forbidden',
    );
  });
});

describe('a staff member who is also enrolled as a learner', () => {
  test('still practises as a preview: no hours, and nowhere in the cohort lists, queues or eligibility', () => {
    const instructor = insertPerson(db, { roles: ['inspector', 'instructor'] }).id;
    const learner = insertPerson(db).id;
    const taught = insertCohort(db, {
      name: 'G2',
      startsOn: '2026-09-07',
      endsOn: '2027-02-26',
      instructorIds: [instructor],
      actorId: null,
    }).id;
    enrollInspectorOne(db, { cohortId, userId: instructor, actorId: null });
    enrollInspectorOne(db, { cohortId: taught, userId: learner, actorId: null });
    tryEverything(instructor);
    // A learner of the same cohorts, for contrast: their attempt is listed and credited.
    const theirs = inspect(learner);
    expect(theirs.credited).toBe(60);

    expect(db.select().from(hoursLedger).where(eq(hoursLedger.userId, instructor)).all()).toEqual([]);
    for (const id of [cohortId, taught]) {
      expect(listCohortInspectionAttempts(db, coordinator, id).map((a) => a.userId)).not.toContain(instructor);
      for (const kind of ['inspection', 'ranking', 'kpi', 'case_file'] as const)
        expect(listCohortPracticeAttempts(db, coordinator, id, kind).map((a) => a.userId)).not.toContain(instructor);
    }
    expect(listCohortInspectionAttempts(db, coordinator, taught).map((a) => a.userId)).toEqual([learner]);
    expect(listRankingsForReview(db, coordinator)).toEqual([]);
    const row = getCohortEligibility(db, cohortId, context, now).find((r) => r.userId === instructor);
    expect(row?.standing.creditedMinutes).toBe(0);
  });
});

describe('pages', () => {
  const locals = (id: number, roles: Role[]) => ({ user: { id, roles, fullName: 'Prueba', email: 'p@example.mx' }, session: null });

  test('a submitted preview says it credits no hours', async () => {
    const coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
    const { attempt } = inspect(coordinatorId);
    const container = await AstroContainer.create();
    const { default: Page } = await import('../../src/pages/diplomado/practicas/[intento].astro');
    const html = await container.renderToString(Page, {
      params: { intento: String(attempt.id) },
      request: new Request(`http://localhost/diplomado/practicas/${attempt.id}`),
      locals: locals(coordinatorId, ['coordinator']),
    });
    expect(html).toContain('Vista previa: este intento no acredita horas.');
    expect(html).not.toContain('Hora acreditada');
  });

  test('the ranking, KPI and case-file pages give staff the forms, marked "vista previa"', async () => {
    const admin = insertPerson(db, { roles: ['admin'] }).id;
    const container = await AstroContainer.create();
    const pages = [
      ['herramientas/focalizacion', 'ranking.submit', await import('../../src/pages/diplomado/herramientas/focalizacion.astro')],
      ['herramientas/indicadores', 'kpi.submit', await import('../../src/pages/diplomado/herramientas/indicadores.astro')],
      ['herramientas/expediente', 'caseFile.start', await import('../../src/pages/diplomado/herramientas/expediente/index.astro')],
    ] as const;
    for (const [path, action, { default: Page }] of pages) {
      const html = await container.renderToString(Page, {
        request: new Request(`http://localhost/diplomado/${path}`),
        locals: locals(admin, ['admin']),
      });
      expect(html, path).toContain('Vista previa');
      expect(html, path).toContain(`_action=${action}`);
    }
  });
});
