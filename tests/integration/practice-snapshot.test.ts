import { beforeEach, describe, expect, test } from 'vitest';
import { practiceAttempts } from '../../db/schema/index.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getInspectionAttempt, saveInspectionStep, startInspection, submitInspection } from '../../src/lib/server/practice/inspection.ts';
import { type LoadedInspection, loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { getRankingData, saveRankingDraft, submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { getRiskData, referenceRanking } from '../../src/lib/server/tools/risk-reference.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

/**
 * An attempt under way keeps the exercise it began with (docs/decisions/020): editing the YAML or
 * the data set after the start changes neither its steps nor its score.
 */
const lerma = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma') as LoadedInspection;

/** The scenario as an instructor might edit it: another right type, other bases, a document gone. */
function edited(): LoadedInspection {
  const scenario = structuredClone(lerma.scenario);
  scenario.type.correct = scenario.type.correct === 'ordinaria' ? 'extraordinaria' : 'ordinaria';
  for (const fact of scenario.facts) fact.basis = fact.distractors.slice(0, 1);
  scenario.documents = scenario.documents.slice(1);
  return { scenario, version: 'editada0000000000' };
}

let db: Db;
let learner: number;
let classmate: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, loadStandingContext().plan);
  learner = insertPerson(db).id;
  const cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  classmate = insertPerson(db).id;
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
});

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** A perfect run by the scenario as it was at the start, each step posted against `later`. */
function playPerfect(attemptId: number, later: LoadedInspection): void {
  const s = lerma.scenario;
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
  for (const [step, f] of steps)
    saveInspectionStep(db, { userId: learner, attemptId, scenario: later.scenario, step, go: 'next', form: f });
}

describe('a practice inspection under way', () => {
  test('is saved and scored against the scenario it began with, after the YAML is edited', () => {
    const attempt = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    const later = edited();
    playPerfect(attempt.id, later);
    // The document the edit removed is still requested: the start version offered it.
    const keyDocument = lerma.scenario.documents.find((d) => d.key);
    expect(getInspectionAttempt(db, attempt.id)?.state.documents).toContain(keyDocument?.id);
    const { attempt: done, credited } = submitInspection(db, {
      userId: learner,
      attemptId: attempt.id,
      inspection: later,
      programSlug: DEFAULT_PROGRAM_SLUG,
    });
    expect(done.score).toBe(done.maxScore);
    expect(credited).toBe(60);
    expect(done.version).toBe(lerma.version);
    expect(done.scenario).toEqual(lerma.scenario);
  });

  test('a new attempt after the edit takes the new version', () => {
    const later = edited();
    const attempt = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: later });
    expect(attempt).toMatchObject({ version: later.version, scenario: later.scenario });
  });

  test('the snapshot stays apart from the choices the forms send back', () => {
    const attempt = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
    expect(Object.keys(attempt.state).sort()).toEqual(['checklist', 'documents', 'findings', 'interviews', 'measures', 'step', 'type']);
    const stored = JSON.parse(db.select({ state: practiceAttempts.state }).from(practiceAttempts).get()?.state ?? '{}');
    expect(stored.scenario.slug).toBe('arneses-lerma');
  });
});

describe('a risk ranking under way', () => {
  const top = referenceRanking().slice(0, 10);
  const picks = top.map((r) => ({ employerId: r.employer.id, justification: 'Denuncias recientes y subcontratación alta.' }));

  test('is scored against the data set it began with, after the data change', () => {
    saveRankingDraft(db, learner, picks.slice(0, 3));
    // The data as edited later: the reference's first employers lose every signal.
    const later = structuredClone(getRiskData());
    for (const e of later.employers)
      if (top.some((r) => r.employer.id === e.id))
        Object.assign(e, {
          complaints12m: 0,
          subcontractedPct: 0,
          priorViolations2y: 0,
          cba: 'legitimado',
          tmecExports: false,
          genderPayGapPct: 0,
          turnoverPct: 0,
          wageVsSectorPct: 100,
          monthsSinceInspection: 12,
          retaliationSignals: false,
        });
    expect(
      referenceRanking(later)
        .slice(0, 10)
        .map((r) => r.employer.id),
    ).not.toEqual(top.map((r) => r.employer.id));
    expect(getRankingData(db, learner, later)).toEqual(getRiskData());
    const { percent } = submitRanking(db, learner, picks, new Date(), later);
    expect(percent).toBe(100);
    // A classmate starting after the change is scored against the later data: the same list scores less.
    expect(submitRanking(db, classmate, picks, new Date(), later).percent).toBeLessThan(100);
  });

  test('a new attempt takes the data as it is then', () => {
    const later = structuredClone(getRiskData());
    later.employers[0]!.name = 'Autopartes Renombrada, S.A. de C.V.';
    saveRankingDraft(db, learner, [], new Date(), later);
    expect(getRankingData(db, learner).employers[0]?.name).toBe('Autopartes Renombrada, S.A. de C.V.');
  });
});
