import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { getAttempt, gradeEssayResponse, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { getLearnerGrades } from '../../src/lib/server/quizzes/learner-grades.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { createTestDb } from '../db.ts';
import { keyValue } from '../quiz-keys.ts';
import { insertPerson } from '../factories.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
/** Four auto-graded questions (1 point each) and the essay (1 point): 5 points an attempt. */
const quiz: Quiz = { ...base, attempts: 3, draw: [{ pool: 'basicos', count: 5 }] };
const MODULE = '04-subcontratacion-repse';
const program = [
  { moduleSlug: MODULE, moduleNumber: 4, moduleTitle: 'Subcontratación y REPSE', quiz },
  { moduleSlug: '05-igualdad', moduleNumber: 5, moduleTitle: 'Igualdad', quiz },
];
const t0 = new Date('2026-11-23T16:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

let db: Db;
let learner: number;
let grader: number;

beforeEach(() => {
  db = createTestDb();
  learner = insertPerson(db).id;
  grader = insertPerson(db, { roles: ['coordinator'] }).id;
});

/** An attempt with `right` of the four auto-graded questions right and an essay written. */
function takeAttempt(userId: number, right: number, start: number): number {
  const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado', moduleSlug: MODULE, quiz, cohortId: null, now: at(start) });
  const attempt = getAttempt(db, attemptId);
  if (!attempt) throw new Error('no attempt');
  const answers: Record<string, unknown> = { ensayo: { type: 'essay', text: 'La subordinación es la prueba.' } };
  const auto = ['art-12', 'multa', 'corto', 'orden-mlrr'].slice(0, right);
  for (const slot of attempt.layout.questions) {
    const question = quiz.pools[0]?.questions.find((q) => q.id === slot.id);
    if (!question || !auto.includes(question.id)) continue;
    const shown = toPublicQuestion(question, slot);
    if (question.type === 'single' && shown.type === 'single')
      answers[slot.id] = { type: 'single', choice: shown.options.find((o) => o.text === 'Art. 12')?.id };
    if (question.type === 'numeric') answers[slot.id] = { type: 'numeric', value: keyValue(question) };
    if (question.type === 'short') answers[slot.id] = { type: 'short', text: 'REPSE' };
    if (question.type === 'ordering' && shown.type === 'ordering')
      answers[slot.id] = { type: 'ordering', order: question.items.map((text) => shown.items.find((i) => i.text === text)?.id) };
  }
  saveResponses(db, { attemptId, userId, answers: answers as never, now: at(start + 1) });
  submitAttempt(db, { attemptId, userId, now: at(start + 2) });
  return attemptId;
}

describe('getLearnerGrades', () => {
  test('lists every quiz of the program, each attempt with its points, percent and state, and the module grade', () => {
    const first = takeAttempt(learner, 1, 0);
    gradeEssayResponse(db, {
      attemptId: first,
      questionId: 'ensayo',
      levels: [0],
      comment: 'Falta citar el artículo 12.',
      actorId: grader,
    });
    const second = takeAttempt(learner, 4, 30);
    gradeEssayResponse(db, { attemptId: second, questionId: 'ensayo', levels: [1], comment: 'Bien fundamentado.', actorId: grader });
    takeAttempt(learner, 2, 60); // the essay of the third waits for the instructor

    const [m4, m5] = getLearnerGrades(db, learner, program);
    expect(m4).toMatchObject({
      moduleSlug: MODULE,
      attemptsUsed: 3,
      attemptsAllowed: 3,
      grade: 1,
      passed: true,
      state: 'passed',
      pendingGrading: 1,
    });
    expect(m4?.attempts.map((a) => [a.number, a.score, a.maxScore, a.percent, a.passed, a.state])).toEqual([
      [1, 1, 5, 20, false, 'graded'],
      [2, 5, 5, 100, true, 'graded'],
      [3, null, 5, null, null, 'pending'],
    ]);
    expect(m4?.attempts[0]?.feedback).toEqual([
      { prompt: expect.stringContaining('subordinación'), points: 1, score: 0, comment: 'Falta citar el artículo 12.' },
    ]);
    expect(m4?.attempts[2]?.feedback).toEqual([
      { prompt: expect.stringContaining('subordinación'), points: 1, score: null, comment: null },
    ]);
    expect(m5).toMatchObject({ state: 'not-started', attempts: [], grade: null, passed: false });
  });

  test('an essay waiting and an attempt in progress are said so, without a grade', () => {
    takeAttempt(learner, 4, 0);
    expect(getLearnerGrades(db, learner, program)[0]).toMatchObject({ state: 'pending', grade: null, pendingGrading: 1 });
    startAttempt(db, { userId: learner, programSlug: 'diplomado', moduleSlug: MODULE, quiz, cohortId: null, now: at(10) });
    // Read a minute later, within the attempt's 20 minutes.
    const [m4] = getLearnerGrades(db, learner, program, at(11));
    expect(m4).toMatchObject({ state: 'in-progress', grade: null, pendingGrading: 1 });
    expect(m4?.attempts.map((a) => a.state)).toEqual(['pending', 'in-progress']);
  });

  test('an attempt whose time ran out without being sent is closed by the deadline and waits for its open answer', () => {
    startAttempt(db, { userId: learner, programSlug: 'diplomado', moduleSlug: MODULE, quiz, cohortId: null, now: at(0) });
    const [m4] = getLearnerGrades(db, learner, program, at(60));
    expect(m4).toMatchObject({ state: 'pending', pendingGrading: 1 });
    expect(m4?.attempts).toEqual([expect.objectContaining({ state: 'pending', closedBy: 'deadline' })]);
  });

  test('shows only the learner’s own attempts', () => {
    takeAttempt(insertPerson(db).id, 4, 0);
    const [m4] = getLearnerGrades(db, learner, program);
    expect(m4).toMatchObject({ attemptsUsed: 0, state: 'not-started', attempts: [] });
  });

  test('a quiz whose policy never shows the score shows no grade', () => {
    takeAttempt(learner, 4, 0);
    const hidden = { ...quiz, review: { ...quiz.review, score: 'never' as const } };
    const [m4] = getLearnerGrades(db, learner, [{ ...program[0], quiz: hidden } as (typeof program)[number]]);
    expect(m4).toMatchObject({ state: 'hidden', grade: null, scoreVisible: false });
    expect(m4?.attempts[0]).toMatchObject({ score: null, percent: null, state: 'pending', feedback: [] });
  });
});
