import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizAttempts, quizResponses } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { getAttempt, startAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { type PublicResponse, toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { submitAfterCheck } from '../../src/lib/server/quizzes/submit-check.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const quiz: Quiz = {
  ...base,
  shuffleQuestions: false,
  draw: [{ pool: 'basicos', count: 4 }],
  pools: [{ ...(base.pools[0] as Quiz['pools'][number]), questions: (base.pools[0]?.questions ?? []).filter((q) => q.type !== 'essay') }],
};
const t0 = new Date('2026-11-23T16:00:00Z');
const MIN = 60_000;

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

/** The form as the browser posts it: only the numeric question answered. */
function onlyNumeric(): Record<string, PublicResponse> {
  const attempt = getAttempt(db, attemptId);
  if (!attempt) throw new Error('no attempt');
  const answers: Record<string, PublicResponse> = {};
  for (const slot of attempt.layout.questions) {
    const question = quiz.pools[0]?.questions.find((q) => q.id === slot.id);
    if (!question) continue;
    const shown = toPublicQuestion(question, slot);
    answers[slot.id] =
      shown.type === 'numeric'
        ? { type: 'numeric', value: 2000 }
        : shown.type === 'single'
          ? { type: 'single', choice: null }
          : shown.type === 'ordering'
            ? { type: 'ordering', order: [] }
            : { type: 'short', text: '' };
  }
  return answers;
}

const numberOf = (id: string) => (getAttempt(db, attemptId)?.layout.questions.findIndex((s) => s.id === id) ?? -2) + 1;

describe('submitAfterCheck', () => {
  test('with questions unanswered it saves, lists them and grades nothing', () => {
    const outcome = submitAfterCheck(db, {
      attemptId,
      userId,
      answers: onlyNumeric(),
      confirmed: false,
      now: new Date(t0.getTime() + MIN),
    });
    expect(outcome).toEqual({
      kind: 'unanswered',
      attemptId,
      unanswered: ['art-12', 'orden-mlrr', 'corto'].map(numberOf).sort((a, b) => a - b),
    });
    const row = db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get();
    expect(row?.submittedAt).toBeNull();
    const saved = db.select().from(quizResponses).where(eq(quizResponses.attemptId, attemptId)).all();
    expect(saved.find((r) => r.questionId === 'multa')?.response).toBe(JSON.stringify({ type: 'numeric', value: 2000 }));
  });

  test('confirmed ("Enviar de todos modos"), it grades what was answered', () => {
    const outcome = submitAfterCheck(db, { attemptId, userId, answers: onlyNumeric(), confirmed: true, now: new Date(t0.getTime() + MIN) });
    expect(outcome).toMatchObject({ kind: 'submitted', attemptId, score: 1, maxScore: 4 });
    expect(db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()?.submittedAt).not.toBeNull();
  });

  test('after the time limit it refuses, as sending always has', () => {
    const late = new Date(t0.getTime() + 25 * MIN);
    expect(codeOf(() => submitAfterCheck(db, { attemptId, userId, answers: onlyNumeric(), confirmed: false, now: late }))).toBe(
      'quiz.timeUp',
    );
  });
});
