import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { practiceAttempts, type Role } from '../../db/schema/index.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import {
  getVisiblePracticeAttempt,
  listCohortPracticeAttempts,
  listOwnPracticeAttempts,
} from '../../src/lib/server/practice/attempt-access.ts';
import {
  readCaseFileState,
  reviewCaseFile,
  saveCaseStep,
  startCaseFile,
  submitCaseFile,
} from '../../src/lib/server/practice/case-file-attempts.ts';
import { CASE_STEPS } from '../../src/lib/server/practice/case-file-rules.ts';
import { submitKpiAttempt } from '../../src/lib/server/practice/kpi-attempts.ts';
import { getKpiDataset } from '../../src/lib/server/practice/kpi-data.ts';
import { getPublicKpiQuestions, scoreKpiAnswers } from '../../src/lib/server/practice/kpi-exercise.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { validCase } from '../practice-fixtures.ts';

/**
 * Issue 15: the KPI reading and the practice case file, stored as practice_attempts. A learner
 * sees only their own; an instructor only the learners they teach in the attempt's cohort, until
 * the learner withdraws; coordination sees all. Answer keys never leave before submission.
 */

interface World {
  db: Db;
  learner: number;
  classmate: number;
  instructor: number;
  otherInstructor: number;
  coordinator: number;
  cohort: number;
  otherCohort: number;
}
let w: World;

beforeEach(() => {
  const db = createTestDb();
  const person = (roles: Role[]) => insertPerson(db, { roles }).id;
  const instructor = person(['instructor']);
  const otherInstructor = person(['instructor']);
  const cohort = (name: string, id: number) =>
    createCohort(db, { name, startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [id], actorId: null }).id;
  w = {
    db,
    learner: person(['inspector']),
    classmate: person(['inspector']),
    instructor,
    otherInstructor,
    coordinator: person(['coordinator']),
    cohort: cohort('Práctica A', instructor),
    otherCohort: cohort('Práctica B', otherInstructor),
  };
  enrollInspectorOne(db, { cohortId: w.cohort, userId: w.learner, actorId: null });
  enrollInspectorOne(db, { cohortId: w.otherCohort, userId: w.classmate, actorId: null });
});

/** Files the whole valid case and submits it. */
function fileCase(userId: number): number {
  const { id } = startCaseFile(w.db, userId);
  const steps = validCase();
  for (const step of CASE_STEPS) expect(saveCaseStep(w.db, { userId, attemptId: id, step, raw: steps[step] })).toMatchObject({ ok: true });
  submitCaseFile(w.db, { userId, attemptId: id });
  return id;
}

describe('the KPI exercise', () => {
  test('stores a scored, submitted attempt in the learner’s cohort', () => {
    const result = submitKpiAttempt(w.db, getKpiDataset(), { userId: w.learner, answers: { 'que-oculta-la-mediana': 'rezago' } });
    expect(result.score).toBe(1);
    const row = w.db.select().from(practiceAttempts).where(eq(practiceAttempts.id, result.id)).get()!;
    expect(row).toMatchObject({ kind: 'kpi', status: 'submitted', cohortId: w.cohort, score: 1, maxScore: 6 });
    expect(JSON.parse(row.feedback!)).toHaveLength(6);
  });

  test('keeps the answer keys out of what the form receives before submission', () => {
    const keys = scoreKpiAnswers(getKpiDataset(), {}).feedback;
    const publicJson = JSON.stringify(getPublicKpiQuestions());
    for (const f of keys) expect(publicJson).not.toContain(f.explanation);
    for (const f of keys.filter((k) => k.id.startsWith('que') || k.id.startsWith('violaciones-por'))) {
      // The right options are listed (they must be), but nothing marks which one is right.
      expect(publicJson).not.toMatch(/"correct"|"answer"|"expected"/);
      expect(f.expected.length).toBeGreaterThan(0);
    }
  });

  test('refuses an inspector with no active enrollment (staff answer as a preview: practice-preview.test.ts)', () => {
    const outsider = insertPerson(w.db, { roles: ['inspector'] }).id;
    expect(codeOf(() => submitKpiAttempt(w.db, getKpiDataset(), { userId: outsider, answers: {} }))).toBe('practice.notEnrolled');
  });
});

describe('the case-file sandbox', () => {
  test('resumes the case in progress instead of opening a second one', () => {
    expect(startCaseFile(w.db, w.learner).id).toBe(startCaseFile(w.db, w.learner).id);
  });

  test('saves nothing from a step that breaks a rule, and refuses steps out of order', () => {
    const { id } = startCaseFile(w.db, w.learner);
    expect(codeOf(() => saveCaseStep(w.db, { userId: w.learner, attemptId: id, step: 'acta', raw: validCase().acta }))).toBe(
      'practice.case.stepOutOfOrder',
    );
    const result = saveCaseStep(w.db, {
      userId: w.learner,
      attemptId: id,
      step: 'orden',
      raw: { ...validCase().orden, origin: 'denuncia' },
    });
    expect(result).toEqual({ ok: false, issues: [{ field: 'origin', key: 'practice.case.rule.ordinaryOrigin' }] });
    const attempt = getVisiblePracticeAttempt(w.db, w.learner, id, 'case_file')!;
    expect(readCaseFileState(attempt).steps).toEqual({});
  });

  test('is submitted only when complete, then reviewed by the cohort’s instructor and seen by the learner', () => {
    const { id } = startCaseFile(w.db, w.learner);
    expect(codeOf(() => submitCaseFile(w.db, { userId: w.learner, attemptId: id }))).toBe('practice.case.incomplete');
    for (const step of CASE_STEPS) saveCaseStep(w.db, { userId: w.learner, attemptId: id, step, raw: validCase()[step] });
    submitCaseFile(w.db, { userId: w.learner, attemptId: id });
    expect(codeOf(() => saveCaseStep(w.db, { userId: w.learner, attemptId: id, step: 'orden', raw: validCase().orden }))).toBe(
      'practice.case.alreadySubmitted',
    );
    reviewCaseFile(w.db, { reviewerId: w.instructor, attemptId: id, comment: '  Buen fundamento; precise la muestra.  ' });
    expect(listOwnPracticeAttempts(w.db, w.learner, 'case_file')[0]).toMatchObject({
      status: 'reviewed',
      reviewedBy: w.instructor,
      reviewComment: 'Buen fundamento; precise la muestra.',
    });
  });

  test('cannot be reviewed while it is still being filed', () => {
    const { id } = startCaseFile(w.db, w.learner);
    expect(codeOf(() => reviewCaseFile(w.db, { reviewerId: w.instructor, attemptId: id, comment: 'Todavía no' }))).toBe(
      'practice.case.notSubmitted',
    );
  });
});

describe('who sees practice attempts', () => {
  test('a learner sees only their own attempts', () => {
    const mine = fileCase(w.learner);
    const theirs = fileCase(w.classmate);
    expect(getVisiblePracticeAttempt(w.db, w.learner, mine, 'case_file')).not.toBeNull();
    expect(getVisiblePracticeAttempt(w.db, w.learner, theirs, 'case_file')).toBeNull();
    expect(listOwnPracticeAttempts(w.db, w.learner, 'case_file').map((a) => a.id)).toEqual([mine]);
    expect(codeOf(() => saveCaseStep(w.db, { userId: w.learner, attemptId: theirs, step: 'orden', raw: {} }))).toBe(
      'practice.case.notFound',
    );
  });

  test('an instructor sees and reviews only the learners they teach', () => {
    const mine = fileCase(w.learner);
    const theirs = fileCase(w.classmate);
    expect(listCohortPracticeAttempts(w.db, w.instructor, w.cohort, 'case_file').map((a) => a.id)).toEqual([mine]);
    expect(listCohortPracticeAttempts(w.db, w.instructor, w.otherCohort, 'case_file')).toEqual([]);
    expect(getVisiblePracticeAttempt(w.db, w.instructor, theirs, 'case_file')).toBeNull();
    expect(codeOf(() => reviewCaseFile(w.db, { reviewerId: w.instructor, attemptId: theirs, comment: 'No es mío' }))).toBe(
      'error.forbidden',
    );
  });

  test('an instructor loses the learner’s attempts when the learner withdraws', () => {
    const mine = fileCase(w.learner);
    submitKpiAttempt(w.db, getKpiDataset(), { userId: w.learner, answers: {} });
    withdrawInspector(w.db, { cohortId: w.cohort, userId: w.learner, actorId: null });
    expect(listCohortPracticeAttempts(w.db, w.instructor, w.cohort, 'case_file')).toEqual([]);
    expect(listCohortPracticeAttempts(w.db, w.instructor, w.cohort, 'kpi')).toEqual([]);
    expect(getVisiblePracticeAttempt(w.db, w.instructor, mine, 'case_file')).toBeNull();
    expect(codeOf(() => reviewCaseFile(w.db, { reviewerId: w.instructor, attemptId: mine, comment: 'Tarde' }))).toBe('error.forbidden');
    // The learner keeps their own history; coordination keeps everything.
    expect(getVisiblePracticeAttempt(w.db, w.learner, mine, 'case_file')).not.toBeNull();
    expect(listCohortPracticeAttempts(w.db, w.coordinator, w.cohort, 'case_file').map((a) => a.id)).toEqual([mine]);
  });

  test('coordination sees every cohort’s attempts and may review them', () => {
    const mine = fileCase(w.learner);
    const theirs = fileCase(w.classmate);
    expect(listCohortPracticeAttempts(w.db, w.coordinator, w.cohort, 'case_file').map((a) => a.id)).toEqual([mine]);
    expect(listCohortPracticeAttempts(w.db, w.coordinator, w.otherCohort, 'case_file').map((a) => a.id)).toEqual([theirs]);
    reviewCaseFile(w.db, { reviewerId: w.coordinator, attemptId: theirs, comment: 'Revisado por coordinación.' });
    expect(getVisiblePracticeAttempt(w.db, w.classmate, theirs, 'case_file')).toMatchObject({ status: 'reviewed' });
  });
});
