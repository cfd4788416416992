import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { isLearnerTaughtBy } from '../../src/lib/server/cohorts/teaching.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { getCohortGradebook, getItemStatistics, listPendingEssays } from '../../src/lib/server/quizzes/gradebook.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const quiz: Quiz = { ...base, attempts: 5, draw: [{ pool: 'basicos', count: 5 }] };
const MODULE = '04-subcontratacion-repse';
let db: Db;
let instructorId: number;
let cohortId: number;
let learners: number[];

beforeEach(() => {
  db = createTestDb();
  instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = createCohort(db, { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [instructorId], actorId: null }).id;
  learners = [101, 102, 103].map((n) => insertPerson(db, { roles: ['inspector'] }, n).id);
  for (const userId of learners) enrollInspectorOne(db, { cohortId, userId, actorId: null });
});

const objective: Quiz = {
  ...quiz,
  draw: [{ pool: 'basicos', count: 4 }],
  pools: [{ ...(quiz.pools[0] as Quiz['pools'][number]), questions: (quiz.pools[0]?.questions ?? []).filter((q) => q.type !== 'essay') }],
};

/** Takes an attempt answering the single-choice question right or wrong (and the essay, if drawn). */
function take(userId: number, right: boolean, which: Quiz = quiz, moduleSlug = MODULE): number {
  const ref = { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug };
  const { attemptId } = startAttempt(db, { ...ref, quiz: which, cohortId });
  const attempt = getAttempt(db, attemptId);
  const slot = attempt?.layout.questions.find((q) => q.id === 'art-12');
  const question = quiz.pools[0]?.questions.find((q) => q.id === 'art-12');
  if (!slot || question?.type !== 'single') throw new Error('art-12 expected');
  const shown = toPublicQuestion(question, slot);
  const wanted = right ? 'Art. 12' : 'Art. 15';
  const choice = shown.type === 'single' ? (shown.options.find((o) => o.text === wanted)?.id ?? null) : null;
  saveResponses(db, {
    attemptId,
    userId,
    answers: { 'art-12': { type: 'single', choice }, ensayo: { type: 'essay', text: 'Mi análisis.' } },
  });
  submitAttempt(db, { attemptId, userId });
  return attemptId;
}

describe('instructor tools over real attempts', () => {
  test('the instructor teaches exactly the cohort’s learners', () => {
    expect(learners.every((l) => isLearnerTaughtBy(db, l, instructorId))).toBe(true);
    const stranger = insertPerson(db, { roles: ['inspector'] }).id;
    expect(isLearnerTaughtBy(db, stranger, instructorId)).toBe(false);
  });

  test('essays waiting for a grade are listed oldest first, and the gradebook shows them as pending', () => {
    take(learners[0] as number, true);
    take(learners[1] as number, false);
    const pending = listPendingEssays(db, instructorId);
    expect(pending).toHaveLength(2);
    expect(pending.every((p) => p.questionId === 'ensayo')).toBe(true);
    const book = getCohortGradebook(db, cohortId, [{ moduleSlug: MODULE, quiz }]);
    expect(book.map((r) => r.cells[MODULE])).toEqual(
      expect.arrayContaining([
        {
          grade: null,
          passed: false,
          attempts: 1,
          pending: 1,
          inProgress: false,
          closedByDeadline: false,
          latestAttemptId: expect.any(Number),
        },
        { grade: null, passed: false, attempts: 0, pending: 0, inProgress: false, closedByDeadline: false, latestAttemptId: null },
      ]),
    );
  });

  test('item statistics use graded attempts only and count the options chosen, by author id', () => {
    take(learners[0] as number, true);
    expect(getItemStatistics(db, MODULE, instructorId).attempts).toBe(0);
    take(learners[0] as number, true, objective, '09-etica-integridad');
    take(learners[1] as number, false, objective, '09-etica-integridad');
    take(learners[2] as number, true, objective, '09-etica-integridad');
    const { stats, attempts } = getItemStatistics(db, '09-etica-integridad', instructorId);
    expect(attempts).toBe(3);
    expect(stats.find((s) => s.questionId === 'art-12')).toMatchObject({ attempts: 3, facility: 66.7, optionCounts: { a: 2, b: 1 } });
    const other = insertPerson(db, { roles: ['instructor'] }).id;
    expect(getItemStatistics(db, '09-etica-integridad', other).attempts).toBe(0);
  });
});

describe('listPendingEssays', () => {
  test('shows an instructor only the essays of learners in cohorts they teach', () => {
    take(learners[0] as number, true);
    const other = insertPerson(db, { roles: ['instructor'] }).id;
    expect(listPendingEssays(db, instructorId)).toHaveLength(1);
    expect(listPendingEssays(db, other)).toEqual([]);
  });
});

describe('an attempt whose time ran out without being sent', () => {
  const HOUR = 3_600_000;
  /** Starts an attempt two hours ago (the limit is 20 min), answers art-12 right, and leaves it open. */
  function abandon(userId: number, which: Quiz): number {
    const started = new Date(Date.now() - 2 * HOUR);
    const ref = { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE };
    const { attemptId } = startAttempt(db, { ...ref, quiz: which, cohortId, now: started });
    const slot = getAttempt(db, attemptId)?.layout.questions.find((q) => q.id === 'art-12');
    const question = quiz.pools[0]?.questions.find((q) => q.id === 'art-12');
    if (!slot || question?.type !== 'single') throw new Error('art-12 expected');
    const shown = toPublicQuestion(question, slot);
    const choice = shown.type === 'single' ? (shown.options.find((o) => o.text === 'Art. 12')?.id ?? null) : null;
    saveResponses(db, {
      attemptId,
      userId,
      answers: { 'art-12': { type: 'single', choice }, ensayo: { type: 'essay', text: 'Lo que alcancé a escribir.' } },
      now: new Date(started.getTime() + 60_000),
    });
    return attemptId;
  }

  test('shows in the gradebook with its grade and as closed by the deadline, and is closed in the database', () => {
    const attemptId = abandon(learners[0] as number, objective);
    const cell = getCohortGradebook(db, cohortId, [{ moduleSlug: MODULE, quiz: objective }]).find((r) => r.userId === learners[0])?.cells[
      MODULE
    ];
    expect(cell).toMatchObject({ attempts: 1, pending: 0, inProgress: false, closedByDeadline: true });
    expect(cell?.grade).toBeGreaterThan(0);
    const stored = getAttempt(db, attemptId);
    expect(stored?.closedBy).toBe('deadline');
    expect(stored?.submittedAt).toEqual(stored?.deadlineAt);
    expect(stored?.score).not.toBeNull();
  });

  test('with an open answer, waits in the grading queue and under "Con respuestas por calificar"', () => {
    const attemptId = abandon(learners[1] as number, quiz);
    expect(listPendingEssays(db, instructorId)).toEqual([expect.objectContaining({ attemptId, questionId: 'ensayo' })]);
    const cell = getCohortGradebook(db, cohortId, [{ moduleSlug: MODULE, quiz }]).find((r) => r.userId === learners[1])?.cells[MODULE];
    expect(cell).toMatchObject({ grade: null, pending: 1, inProgress: false, closedByDeadline: true });
  });

  test('counts in the item analysis', () => {
    abandon(learners[2] as number, objective);
    expect(getItemStatistics(db, MODULE, instructorId).attempts).toBe(1);
  });

  test('an attempt still within its time shows as in progress, not as waiting for a grade', () => {
    const ref = { userId: learners[0] as number, programSlug: 'diplomado-inspeccion-federal', moduleSlug: MODULE };
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId });
    const cell = getCohortGradebook(db, cohortId, [{ moduleSlug: MODULE, quiz }]).find((r) => r.userId === learners[0])?.cells[MODULE];
    expect(cell).toMatchObject({ grade: null, pending: 0, inProgress: true, closedByDeadline: false });
    expect(getAttempt(db, attemptId)?.submittedAt).toBeNull();
  });
});
