import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { reviewPermissions } from '../../../../../src/lib/server/quizzes/review.ts';

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
