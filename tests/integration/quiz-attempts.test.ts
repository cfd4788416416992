import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import type { Db } from '../../src/lib/server/db.ts';
import {
  getAttempt,
  getQuizStanding,
  grantQuizOverride,
  gradeEssayResponse,
  SUBMIT_GRACE_MS,
  saveResponses,
  startAttempt,
  submitAttempt,
} from '../../src/lib/server/quizzes/attempts.ts';
import { type PublicQuestion, toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { createTestDb } from '../db.ts';
import { keyValue } from '../quiz-keys.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
/** Only the auto-graded questions, all drawn: predictable scores. */
const quiz: Quiz = {
  ...base,
  draw: [{ pool: 'basicos', count: 4 }],
  pools: [{ ...(base.pools[0] as Quiz['pools'][number]), questions: (base.pools[0]?.questions ?? []).filter((q) => q.type !== 'essay') }],
};
const t0 = new Date('2026-11-23T16:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

let db: Db;
let userId: number;
let ref: { userId: number; programSlug: string; moduleSlug: string };

beforeEach(() => {
  db = createTestDb();
  userId = insertPerson(db).id;
  ref = { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug: '04-subcontratacion-repse' };
});

/** The answers a learner who knows everything would give, in the attempt's public ids. */
function rightAnswers(attemptId: number): Record<string, never> {
  const attempt = getAttempt(db, attemptId);
  if (!attempt) throw new Error('no attempt');
  const answers: Record<string, unknown> = {};
  for (const slot of attempt.layout.questions) {
    const question = attempt.quiz.pools.flatMap((p) => p.questions).find((q) => q.id === slot.id);
    if (!question) continue;
    const shown: PublicQuestion = toPublicQuestion(question, slot);
    if (question.type === 'single' && shown.type === 'single')
      answers[slot.id] = {
        type: 'single',
        choice: shown.options.find((o) => o.text === question.options.find((x) => x.correct)?.text)?.id,
      };
    if (question.type === 'ordering' && shown.type === 'ordering')
      answers[slot.id] = { type: 'ordering', order: question.items.map((text) => shown.items.find((i) => i.text === text)?.id) };
    if (question.type === 'numeric') answers[slot.id] = { type: 'numeric', value: keyValue(question) };
    if (question.type === 'short') answers[slot.id] = { type: 'short', text: question.answers[0]?.text };
  }
  return answers as Record<string, never>;
}

describe('starting and resuming', () => {
  test('a reload or a second device resumes the same attempt with the same questions', () => {
    const first = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    const again = startAttempt(db, { ...ref, quiz, cohortId: null, now: at(MIN) });
    expect(again).toEqual({ attemptId: first.attemptId, resumed: true });
  });

  test('starting beyond the allowed attempts is refused; an override with a reason allows one more, audited', () => {
    const limited = { ...quiz, attempts: 1 };
    const { attemptId } = startAttempt(db, { ...ref, quiz: limited, cohortId: null, now: t0 });
    submitAttempt(db, { attemptId, userId, now: at(MIN) });
    expect(codeOf(() => startAttempt(db, { ...ref, quiz: limited, cohortId: null, now: at(2 * MIN) }))).toBe('quiz.noAttemptsLeft.one');
    const coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
    grantQuizOverride(db, {
      userId,
      moduleSlug: ref.moduleSlug,
      extraAttempts: 1,
      extraMinutes: 0,
      reason: 'Falla de conexión documentada',
      actorId: coordinator,
    });
    expect(startAttempt(db, { ...ref, quiz: limited, cohortId: null, now: at(3 * MIN) }).resumed).toBe(false);
    expect(listAuditEntries(db, { subjectUserId: userId, action: 'quiz.override' }).entries[0]?.reason).toBe(
      'Falla de conexión documentada',
    );
  });
});

describe('grading on submission', () => {
  test('right answers get full marks and pass; autosaved answers count', () => {
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    saveResponses(db, { attemptId, userId, answers: rightAnswers(attemptId), now: at(MIN) });
    const result = submitAttempt(db, { attemptId, userId, now: at(2 * MIN) });
    expect(result).toEqual({ score: 4, maxScore: 4 });
    expect(getQuizStanding(db, { ...ref, quiz })).toMatchObject({ grade: 1, passed: true, attemptsUsed: 1 });
  });

  test('submitting twice is refused and the first grade stays', () => {
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    saveResponses(db, { attemptId, userId, answers: rightAnswers(attemptId), now: at(MIN) });
    submitAttempt(db, { attemptId, userId, now: at(2 * MIN) });
    expect(codeOf(() => submitAttempt(db, { attemptId, userId, now: at(3 * MIN) }))).toBe('quiz.alreadySubmitted');
    expect(codeOf(() => saveResponses(db, { attemptId, userId, answers: {}, now: at(3 * MIN) }))).toBe('quiz.alreadySubmitted');
    expect(getAttempt(db, attemptId)?.score).toBe(4);
  });

  test('another learner cannot save into or submit someone else’s attempt', () => {
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    const other = insertPerson(db).id;
    expect(codeOf(() => submitAttempt(db, { attemptId, userId: other, now: at(MIN) }))).toBe('quiz.notFound');
  });
});

describe('the time limit, on the server clock', () => {
  test('answers saved within the grace count; after it, saving and submitting are refused and the attempt is graded with what was saved', () => {
    const timed = { ...quiz, timeLimitMinutes: 20 };
    const { attemptId } = startAttempt(db, { ...ref, quiz: timed, cohortId: null, now: t0 });
    const answers = rightAnswers(attemptId);
    const [firstId] = Object.keys(answers);
    saveResponses(db, {
      attemptId,
      userId,
      answers: { [firstId as string]: answers[firstId as string] as never },
      now: at(20 * MIN + SUBMIT_GRACE_MS - 1),
    });
    expect(codeOf(() => saveResponses(db, { attemptId, userId, answers, now: at(20 * MIN + SUBMIT_GRACE_MS + 1) }))).toBe('quiz.timeUp');
    const attempt = getAttempt(db, attemptId);
    expect(attempt?.closedBy).toBe('deadline');
    expect(attempt?.submittedAt).toEqual(at(20 * MIN));
    expect(attempt?.score).toBe(1);
    expect(codeOf(() => submitAttempt(db, { attemptId, userId, now: at(21 * MIN) }))).toBe('quiz.alreadySubmitted');
  });

  test('an expired attempt is closed when the learner comes back, and a new one can start', () => {
    const timed = { ...quiz, timeLimitMinutes: 10 };
    const first = startAttempt(db, { ...ref, quiz: timed, cohortId: null, now: t0 });
    const second = startAttempt(db, { ...ref, quiz: timed, cohortId: null, now: at(60 * MIN) });
    expect(second.attemptId).not.toBe(first.attemptId);
    expect(getAttempt(db, first.attemptId)).toMatchObject({ closedBy: 'deadline', score: 0 });
  });

  test('an override of extra minutes lengthens the deadline', () => {
    const coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
    grantQuizOverride(db, {
      userId,
      moduleSlug: ref.moduleSlug,
      extraAttempts: 0,
      extraMinutes: 15,
      reason: 'Ajuste razonable',
      actorId: coordinator,
    });
    const { attemptId } = startAttempt(db, { ...ref, quiz: { ...quiz, timeLimitMinutes: 20 }, cohortId: null, now: t0 });
    expect(getAttempt(db, attemptId)?.deadlineAt).toEqual(at(35 * MIN));
  });
});

describe('quiz versions', () => {
  test('editing the quiz later never changes a recorded grade, and the attempt keeps the version it was taken on', () => {
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    saveResponses(db, { attemptId, userId, answers: rightAnswers(attemptId), now: at(MIN) });
    submitAttempt(db, { attemptId, userId, now: at(2 * MIN) });
    // The instructor changes the key of the numeric question and starts a new version.
    const edited: Quiz = JSON.parse(JSON.stringify(quiz));
    const numeric = edited.pools[0]?.questions.find((q) => q.type === 'numeric');
    if (numeric?.type === 'numeric') numeric.answers = [{ value: 50_000, tolerance: 0, fraction: 1 }];
    const next = startAttempt(db, { ...ref, quiz: { ...edited, attempts: 3 }, cohortId: null, now: at(3 * MIN) });
    const old = getAttempt(db, attemptId);
    expect(old?.score).toBe(4);
    expect(old?.quiz.pools[0]?.questions.find((q) => q.type === 'numeric')).toMatchObject({ answers: [{ value: 2000, fraction: 1 }] });
    expect(getAttempt(db, next.attemptId)?.quizVersion).not.toBe(old?.quizVersion);
  });
});

describe('essays', () => {
  test('an attempt with an essay waits for the instructor; the rubric grade completes it and is audited', () => {
    const withEssay: Quiz = { ...base, draw: [{ pool: 'basicos', count: 5 }] };
    const { attemptId } = startAttempt(db, { ...ref, quiz: withEssay, cohortId: null, now: t0 });
    saveResponses(db, {
      attemptId,
      userId,
      answers: { ...rightAnswers(attemptId), ensayo: { type: 'essay', text: 'La subordinación…' } as never },
      now: at(MIN),
    });
    expect(submitAttempt(db, { attemptId, userId, now: at(2 * MIN) }).score).toBeNull();
    expect(getQuizStanding(db, { ...ref, quiz: withEssay })).toMatchObject({ grade: null, pendingGrading: 1 });
    const coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
    expect(
      gradeEssayResponse(db, { attemptId, questionId: 'ensayo', levels: [1], comment: 'Bien fundamentado.', actorId: coordinator })
        .attemptScore,
    ).toBe(5);
    expect(getAttempt(db, attemptId)?.responses.get('ensayo')).toMatchObject({ score: 1, comment: 'Bien fundamentado.' });
    expect(listAuditEntries(db, { subjectUserId: userId, action: 'quiz.essayGraded' }).total).toBe(1);
  });
});

describe('grading methods', () => {
  test('highest, last and average over graded attempts', () => {
    const scores: number[] = [];
    for (const [i, full] of [true, false].entries()) {
      const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: at(i * 10 * MIN) });
      if (full) saveResponses(db, { attemptId, userId, answers: rightAnswers(attemptId), now: at(i * 10 * MIN + MIN) });
      scores.push(submitAttempt(db, { attemptId, userId, now: at(i * 10 * MIN + 2 * MIN) }).score ?? -1);
    }
    expect(scores).toEqual([4, 0]);
    expect(getQuizStanding(db, { ...ref, quiz: { ...quiz, grading: 'highest' } }).grade).toBe(1);
    expect(getQuizStanding(db, { ...ref, quiz: { ...quiz, grading: 'last' } })).toMatchObject({ grade: 0, passed: false });
    expect(getQuizStanding(db, { ...ref, quiz: { ...quiz, grading: 'average' } }).grade).toBe(0.5);
  });
});

describe('getQuizPasses', () => {
  test('tells which module quizzes a learner has passed, by each quiz’s method', async () => {
    const { getQuizPasses } = await import('../../src/lib/server/quizzes/attempts.ts');
    const { attemptId } = startAttempt(db, { ...ref, quiz, cohortId: null, now: t0 });
    saveResponses(db, { attemptId, userId, answers: rightAnswers(attemptId), now: at(MIN) });
    submitAttempt(db, { attemptId, userId, now: at(2 * MIN) });
    const passes = getQuizPasses(db, userId, [
      { moduleSlug: ref.moduleSlug, quiz },
      { moduleSlug: '09-etica-integridad', quiz },
    ]);
    expect(Object.fromEntries(passes)).toEqual({ [ref.moduleSlug]: true, '09-etica-integridad': false });
  });
});

describe('the cohort’s window', () => {
  const window = { opensAt: at(60 * MIN), closesAt: at(120 * MIN) };

  test('an attempt cannot start before the quiz opens or after it closes', () => {
    expect(codeOf(() => startAttempt(db, { ...ref, quiz, cohortId: null, window, now: t0 }))).toBe('quiz.notOpen');
    expect(codeOf(() => startAttempt(db, { ...ref, quiz, cohortId: null, window, now: at(120 * MIN) }))).toBe('quiz.closed');
  });

  test('an attempt started near the close ends at the close, not at its full time limit', () => {
    const { attemptId } = startAttempt(db, { ...ref, quiz: { ...quiz, timeLimitMinutes: 40 }, cohortId: null, window, now: at(100 * MIN) });
    expect(getAttempt(db, attemptId)?.deadlineAt).toEqual(at(120 * MIN));
  });
});
