import { beforeEach, describe, expect, test } from 'vitest';
import { HOUR_BUDGETS } from '../../db/schema/index.ts';
import { getCohortEligibility, grantEligibilityException } from '../../src/lib/server/certificates/eligibility.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { enrollmentForCredit, recordAdjustment } from '../../src/lib/server/hours/ledger.ts';
import { whatIsMissing } from '../../src/lib/server/hours/missing.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getStanding } from '../../src/lib/server/hours/standing.ts';
import { saveInspectionStep, startInspection, submitInspection } from '../../src/lib/server/practice/inspection.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { standingContextOf } from '../../src/lib/server/certificates/context.ts';
import { loadCertificateContext, passQuiz } from '../certificate-helpers.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

/**
 * The coordinators' eligibility list names the practice inspections still to pass (issue 15), with
 * the learner home's own sentence (hours/missing.ts with the inspections per module).
 */
const inspections = loadInspectionsFromDir();
const practice = new Map<string, number>();
for (const { scenario } of inspections) practice.set(scenario.module, (practice.get(scenario.module) ?? 0) + 1);
const context = { ...loadCertificateContext(), practice };
const M10 = '10-practica-integradora';
const [m1] = context.plan.modules;
const now = new Date('2026-12-01T18:00:00Z');
const sentence = (left: number) => `Apruebe con al menos 60 % las inspecciones simuladas del módulo 10 que le faltan: ${left}.`;

let db: Db;
let coordinator: number;
let cohortId: number;
let learner: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, context.plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2026-11-27', instructorIds: [], actorId: null }).id;
  learner = insertPerson(db).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  // Every hour of the program except module 10's practice, and every quiz but module 1's when asked.
  const enrollmentId = enrollmentForCredit(db, learner, DEFAULT_PROGRAM_SLUG) as number;
  for (const m of context.plan.modules)
    for (const budget of HOUR_BUDGETS) {
      const full = m.budget[budget];
      if (full <= 0 || (m.slug === M10 && budget === 'practice')) continue;
      recordAdjustment(db, {
        userId: learner,
        programSlug: DEFAULT_PROGRAM_SLUG,
        enrollmentId,
        moduleSlug: m.slug,
        budget,
        minutes: full,
        budgetMinutes: full,
        recordedBy: coordinator,
        reason: 'Prueba',
      });
    }
});

function passQuizzes(except: string[] = []): void {
  for (const { moduleSlug } of context.quizzes) if (!except.includes(moduleSlug)) passQuiz(db, learner, moduleSlug, 0.9);
}

function passInspection(slug: string): void {
  const loaded = inspections.find((i) => i.scenario.slug === slug);
  if (!loaded) throw new Error(`no scenario ${slug}`);
  const s = loaded.scenario;
  const a = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: loaded });
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  const steps: [string, FormData][] = [
    ['tipo', form([['type', s.type.correct]])],
    ['documentos', form(s.documents.filter((d) => d.key).map((d) => ['documents', d.id]))],
    ['entrevistas', form(s.interviews.filter((d) => d.key).map((d) => ['interviews', d.id]))],
    ['lista', form(s.checklist.filter((c) => c.expected).map((c) => ['checklist', c.id]))],
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
    [
      'medidas',
      form(
        s.measures.flatMap((m) => [
          ['measure', m.id],
          ['timing', m.expected],
        ]),
      ),
    ],
  ];
  for (const [step, f] of steps) saveInspectionStep(db, { userId: learner, attemptId: a.id, scenario: s, step, go: 'next', form: f });
  submitInspection(db, { userId: learner, attemptId: a.id, inspection: loaded, programSlug: DEFAULT_PROGRAM_SLUG });
}

const row = () => {
  const found = getCohortEligibility(db, cohortId, context, now).find((r) => r.userId === learner);
  if (!found) throw new Error('not listed');
  return found;
};

describe('the eligibility list and practice inspections', () => {
  test('names the inspections still to pass, in the words of the learner home, until none is left', () => {
    passQuizzes();
    expect(practice.get(M10)).toBe(3);
    const before = row();
    expect(before.eligible).toBe(false);
    expect(before.missing).toContain(sentence(3));
    // The learner home's own words: the same function, the same inspections.
    expect(before.missing).toEqual(whatIsMissing(getStanding(db, learner, standingContextOf(context, now)), practice));
    passInspection('arneses-lerma');
    expect(row().missing).toContain(sentence(2));
    for (const { scenario } of inspections) if (scenario.slug !== 'arneses-lerma') passInspection(scenario.slug);
    expect(row()).toMatchObject({ eligible: true, missing: [] });
  });

  test('a waived hours rule waives the inspections too; the other rules are still named', () => {
    passQuizzes([m1?.slug as string]);
    grantEligibilityException(db, context, {
      cohortId,
      userId: learner,
      rule: 'hours',
      reason: 'Acuerdo de coordinación',
      actorId: coordinator,
    });
    const waived = row();
    expect(waived.eligible).toBe(false);
    expect(waived.missing.join(' ')).toMatch(/aprobar la evaluación del módulo 1/);
    expect(waived.missing.join(' ')).not.toContain('inspecciones simuladas');
  });

  test('without the inspections in the context, the list says nothing of them (as before)', () => {
    passQuizzes();
    const { practice: _, ...bare } = context;
    const found = getCohortEligibility(db, cohortId, bare, now).find((r) => r.userId === learner);
    expect(found?.missing.join(' ')).not.toContain('inspecciones simuladas');
    expect(found?.missing).toEqual(['Le faltan 3 h del módulo 10.']);
  });
});
