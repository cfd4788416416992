import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Question, quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { attemptResult, reviewMarks, reviewPermissions } from '../../../../../src/lib/server/quizzes/review.ts';

const quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const submitted = { submittedAt: new Date('2026-11-23T10:00:00Z') };

describe('reviewPermissions', () => {
  test('by default: score and feedback after submitting, answers only once no attempt is left', () => {
    expect(reviewPermissions(quiz, submitted, { attemptsUsed: 1, attemptsAllowed: 2 })).toEqual({
      score: true,
      answers: false,
      feedback: true,
    });
    expect(reviewPermissions(quiz, submitted, { attemptsUsed: 2, attemptsAllowed: 2 })).toEqual({
      score: true,
      answers: true,
      feedback: true,
    });
  });

  test('answers also show once the quiz has closed for the cohort', () => {
    const closesAt = new Date('2026-11-30T06:00:00Z');
    expect(
      reviewPermissions(quiz, submitted, { attemptsUsed: 1, attemptsAllowed: 2 }, closesAt, new Date('2026-11-29T00:00:00Z')).answers,
    ).toBe(false);
    expect(
      reviewPermissions(quiz, submitted, { attemptsUsed: 1, attemptsAllowed: 2 }, closesAt, new Date('2026-12-01T00:00:00Z')).answers,
    ).toBe(true);
  });

  test('nothing of an attempt still in progress, and nothing the policy says never', () => {
    expect(reviewPermissions(quiz, { submittedAt: null }, { attemptsUsed: 2, attemptsAllowed: 2 })).toEqual({
      score: false,
      answers: false,
      feedback: false,
    });
    const never = { ...quiz, review: { score: 'never' as const, answers: 'never' as const, feedback: 'never' as const } };
    expect(reviewPermissions(never, submitted, { attemptsUsed: 2, attemptsAllowed: 2 })).toEqual({
      score: false,
      answers: false,
      feedback: false,
    });
  });
});

describe('attemptResult', () => {
  test('a graded attempt gives its share of the points and whether it reaches the passing score', () => {
    expect(attemptResult(quiz, { score: 9, maxScore: 12 })).toEqual({ percent: 75, passed: true });
    expect(attemptResult(quiz, { score: 8, maxScore: 12 })).toEqual({ percent: 66.7, passed: false });
    expect(attemptResult(quiz, { score: 8.4, maxScore: 12 })).toEqual({ percent: 70, passed: true });
  });

  test('an attempt waiting for an instructor has no result yet', () => {
    expect(attemptResult(quiz, { score: null, maxScore: 12 })).toBeNull();
  });
});

describe('reviewMarks', () => {
  const questions = quiz.pools.flatMap((p) => p.questions);
  const single = questions.find((q) => q.id === 'art-12') as Extract<Question, { type: 'single' }>;
  const ordering = questions.find((q) => q.id === 'orden-mlrr') as Extract<Question, { type: 'ordering' }>;
  const both = { score: true, answers: true };

  test('marks the chosen wrong option and the right one missed, in the order the attempt showed them', () => {
    // Shown as [b, a]: o0 is "Art. 15" (wrong), o1 is "Art. 12" (right).
    const marks = reviewMarks(
      single,
      { id: single.id, optionOrder: ['b', 'a'] },
      { response: { type: 'single', optionId: 'b' }, fraction: 0 },
      both,
    );
    expect(marks.verdict).toBe('wrong');
    expect(marks.options).toEqual({ o0: { key: false, chosen: true }, o1: { key: true, chosen: false } });
  });

  test('a right answer is marked right, option and question', () => {
    const marks = reviewMarks(single, { id: single.id }, { response: { type: 'single', optionId: 'a' }, fraction: 1 }, both);
    expect(marks.verdict).toBe('right');
    expect(marks.options.o0).toEqual({ key: true, chosen: true });
  });

  test('ordering rows are marked by whether each item sits in its place', () => {
    // Shown in the order [2, 0, 1, 3]; the learner put them as 0, 2, 1, 3.
    const marks = reviewMarks(
      ordering,
      { id: ordering.id, itemOrder: [2, 0, 1, 3] },
      { response: { type: 'ordering', order: [0, 2, 1, 3] }, fraction: 0.5 },
      both,
    );
    expect(marks.verdict).toBe('partial');
    expect(marks.rows).toEqual({ p0: false, p1: true, p2: false, p3: true });
  });

  test('without the answers in the policy, only the question is marked; without the score, nothing', () => {
    const saved = { response: { type: 'single' as const, optionId: 'b' }, fraction: 0 };
    expect(reviewMarks(single, { id: single.id }, saved, { score: true, answers: false })).toEqual({
      verdict: 'wrong',
      options: {},
      rows: {},
    });
    expect(reviewMarks(single, { id: single.id }, saved, { score: false, answers: false })).toEqual({
      verdict: null,
      options: {},
      rows: {},
    });
  });

  test('an essay waiting for its grade has no verdict', () => {
    const essay = questions.find((q) => q.type === 'essay') as Question;
    expect(reviewMarks(essay, { id: essay.id }, { response: { type: 'essay', text: 'Texto' }, fraction: null }, both).verdict).toBeNull();
  });
});
