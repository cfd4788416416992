import { describe, expect, test } from 'vitest';
import { itemStatistics } from '../../../../../src/lib/server/quizzes/item-analysis.ts';

// Eight graded attempts. q1 and q5 separate strong from weak learners; q3 is answered right
// by the weak ones only (a wrong key, typically); q4 everyone gets right.
const DATA: Record<string, number[]> = {
  q1: [1, 1, 1, 1, 0, 0, 0, 0],
  q2: [1, 1, 1, 0, 1, 0, 0, 0],
  q3: [0, 0, 0, 1, 0, 1, 1, 1],
  q4: [1, 1, 1, 1, 1, 1, 1, 1],
  q5: [1, 1, 0.5, 1, 0, 0.5, 0, 0],
};
const CHOICES_Q1 = ['a', 'a', 'a', 'a', 'b', 'c', 'b', 'b'];
const attempts = [...Array(8).keys()].map((i) => ({
  fractions: new Map(Object.entries(DATA).map(([q, v]) => [q, v[i] as number])),
  choices: new Map([['q1', [CHOICES_Q1[i] as string]]]),
}));

describe('itemStatistics', () => {
  const stats = Object.fromEntries(itemStatistics(attempts).map((s) => [s.questionId, s]));

  test('facility index is the mean share of points earned', () => {
    expect([stats.q1?.facility, stats.q3?.facility, stats.q4?.facility, stats.q5?.facility]).toEqual([50, 50, 100, 50]);
  });

  test('discrimination index is the correlation with the rest of the attempt, ×100', () => {
    expect(stats.q1?.discrimination).toBe(86.6);
    expect(stats.q2?.discrimination).toBe(-15.1);
    expect(stats.q3?.discrimination).toBe(-73);
    expect(stats.q5?.discrimination).toBe(86.6);
    expect(stats.q4?.discrimination).toBeNull();
  });

  test('flags questions that look broken, too easy or too hard', () => {
    expect(stats.q3?.flags).toEqual(['negative-discrimination']);
    expect(stats.q4?.flags).toEqual(['too-easy']);
    expect(stats.q1?.flags).toEqual([]);
  });

  test('counts how often each option was chosen', () => {
    expect(stats.q1?.optionCounts).toEqual({ a: 4, b: 3, c: 1 });
  });

  test('flags items seen in too few attempts to judge', () => {
    expect(itemStatistics(attempts.slice(0, 3)).find((s) => s.questionId === 'q1')?.flags).toContain('few-attempts');
  });
});
