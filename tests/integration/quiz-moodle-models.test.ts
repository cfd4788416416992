import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { quizResponses } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { getItemStatistics } from '../../src/lib/server/quizzes/gradebook.ts';
import { listUnanswered } from '../../src/lib/server/quizzes/unanswered.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

/** An attempt with Moodle's models: negative marks never push the total below 0; descriptions are not graded. */

const prompt = 'Una pregunta de prueba con enunciado completo.';
const quiz: Quiz = quizSchema.parse({
  title: 'Evaluación con modelos de Moodle',
  passingScore: 0.5,
  attempts: 3,
  shuffleQuestions: false,
  shuffleOptions: false,
  // Draws shuffle within a pool: the description comes first from a pool of its own.
  draw: [
    { pool: 'caso', count: 1 },
    { pool: 'p', count: 2 },
  ],
  pools: [
    {
      id: 'caso',
      questions: [{ id: 'caso', type: 'description', prompt: 'Lea el caso: una empresa con 40 trabajadores subcontratados.' }],
    },
    {
      id: 'p',
      questions: [
        {
          id: 'negativa',
          type: 'single',
          prompt,
          points: 2,
          options: [
            { id: 'a', text: 'Correcta', correct: true },
            { id: 'b', text: 'Resta', fraction: -0.5 },
          ],
        },
        {
          id: 'otra-negativa',
          type: 'single',
          prompt,
          options: [
            { id: 'a', text: 'Correcta', correct: true },
            { id: 'b', text: 'Resta', fraction: -1 },
          ],
        },
      ],
    },
  ],
});
const t0 = new Date('2026-11-23T16:00:00Z');

let db: Db;
let userId: number;
let attemptId: number;

beforeEach(() => {
  db = createTestDb();
  userId = insertPerson(db).id;
  ({ attemptId } = startAttempt(db, {
    userId,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: '04-subcontratacion-repse',
    quiz,
    cohortId: null,
    now: t0,
  }));
});

describe('an attempt under Moodle grading models', () => {
  test('negative marks count per question, but the total stops at 0', () => {
    saveResponses(db, {
      attemptId,
      userId,
      answers: { negativa: { type: 'single', choice: 'o1' }, 'otra-negativa': { type: 'single', choice: 'o1' } },
      now: t0,
    });
    expect(submitAttempt(db, { attemptId, userId, now: t0 })).toEqual({ score: 0, maxScore: 3 });
    const attempt = getAttempt(db, attemptId);
    expect(attempt?.responses.get('negativa')).toMatchObject({ score: -1, fraction: -0.5 });
    expect(attempt?.responses.get('otra-negativa')).toMatchObject({ score: -1, fraction: -1 });
  });

  test('a negative mark takes points from the rest of the attempt', () => {
    saveResponses(db, {
      attemptId,
      userId,
      answers: { negativa: { type: 'single', choice: 'o0' }, 'otra-negativa': { type: 'single', choice: 'o1' } },
      now: t0,
    });
    expect(submitAttempt(db, { attemptId, userId, now: t0 }).score).toBe(1);
  });

  test('a description is drawn and shown, but takes no answer, counts no points and is never graded', () => {
    const attempt = getAttempt(db, attemptId);
    expect(attempt?.layout.questions.map((q) => q.id)[0]).toBe('caso');
    expect(attempt?.maxScore).toBe(3);
    // Not numbered, and never listed as unanswered.
    expect(attempt && listUnanswered(attempt)).toEqual([1, 2]);
    saveResponses(db, { attemptId, userId, answers: { caso: { type: 'short', text: 'algo' } as never }, now: t0 });
    submitAttempt(db, { attemptId, userId, now: t0 });
    const rows = db
      .select({ questionId: quizResponses.questionId })
      .from(quizResponses)
      .where(eq(quizResponses.attemptId, attemptId))
      .all();
    expect(rows.map((r) => r.questionId).sort()).toEqual(['negativa', 'otra-negativa']);
    expect(getAttempt(db, attemptId)?.score).toBe(0);
  });
});

test('the item analysis leaves descriptions out and counts a negative mark as it is', () => {
  const instructor = insertPerson(db, { roles: ['instructor'] }).id;
  const cohortId = insertCohort(db, {
    name: 'G1',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor],
    actorId: null,
  }).id;
  enrollInspectorOne(db, { cohortId, userId, actorId: null });
  const taught = startAttempt(db, {
    userId,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: '05-igualdad-no-discriminacion',
    quiz,
    cohortId,
    now: t0,
  });
  saveResponses(db, { attemptId: taught.attemptId, userId, answers: { negativa: { type: 'single', choice: 'o1' } }, now: t0 });
  submitAttempt(db, { attemptId: taught.attemptId, userId, now: t0 });
  const { stats } = getItemStatistics(db, '05-igualdad-no-discriminacion', instructor, t0);
  expect(stats.map((s) => s.questionId)).toEqual(['negativa', 'otra-negativa']);
  expect(stats.find((s) => s.questionId === 'negativa')).toMatchObject({ facility: -50, optionCounts: { b: 1 } });
});
