import { describe, expect, test } from 'vitest';
import type { Question } from '../../../../../src/lib/content/quiz-schema.ts';
import {
  planAttemptRegrade,
  planChangesGrades,
  questionChanged,
  regradability,
} from '../../../../../src/lib/server/quizzes/regrade-plan.ts';

/** Two versions of a two-question quiz: in v2, the key of `clave` moves from b to a and it is worth 2 points. */
const single = (id: string, key: 'a' | 'b', points = 1): Question =>
  ({
    id,
    type: 'single',
    prompt: '¿Qué artículo de la LFT prohíbe la subcontratación de personal?',
    points,
    format: 'plain',
    options: [
      { id: 'a', text: 'Art. 12', correct: key === 'a' },
      { id: 'b', text: 'Art. 15', correct: key === 'b' },
    ],
  }) as Question;
const v1 = new Map([
  ['clave', single('clave', 'b')],
  ['otra', single('otra', 'a')],
]);
const v2 = new Map([
  ['clave', single('clave', 'a', 2)],
  ['otra', single('otra', 'a')],
]);
const definitions = new Map([
  ['v1', v1],
  ['v2', v2],
]);
const answered = (clave: 'a' | 'b', claveScore: number) => [
  { questionId: 'clave', response: { type: 'single' as const, optionId: clave }, score: claveScore, gradedWith: 'v1' },
  { questionId: 'otra', response: { type: 'single' as const, optionId: 'a' }, score: 1, gradedWith: 'v1' },
];

describe('planAttemptRegrade', () => {
  test('grades only the changed question again, with its new points, and moves the maximum with them', () => {
    const plan = planAttemptRegrade({ score: 1, maxScore: 2 }, answered('a', 0), definitions, v2, 'v2');
    expect(plan.questions).toEqual([
      { questionId: 'clave', fromVersion: 'v1', pointsBefore: 1, pointsAfter: 2, scoreBefore: 0, scoreAfter: 2, fractionAfter: 1 },
    ]);
    expect(plan).toMatchObject({ scoreBefore: 1, scoreAfter: 3, maxScoreBefore: 2, maxScoreAfter: 3 });
    expect(planChangesGrades(plan)).toBe(true);
  });

  test('leaves a pending attempt pending and finds nothing once graded with the current version', () => {
    expect(planAttemptRegrade({ score: null, maxScore: 2 }, answered('b', 1), definitions, v2, 'v2').scoreAfter).toBeNull();
    const regraded = answered('a', 2).map((r) => ({ ...r, gradedWith: 'v2' }));
    expect(planAttemptRegrade({ score: 3, maxScore: 3 }, regraded, definitions, v2, 'v2').questions).toEqual([]);
  });
});

test('never totals an attempt below zero when a corrected option costs points (Moodle negative marks)', () => {
  const negative = single('clave', 'a') as Extract<Question, { type: 'single' }>;
  const v3 = new Map([
    ['clave', { ...negative, options: negative.options.map((o) => (o.id === 'b' ? { ...o, fraction: -1 } : o)) } as Question],
    ['otra', single('otra', 'a')],
  ]);
  const responses = [
    { questionId: 'clave', response: { type: 'single' as const, optionId: 'b' }, score: 1, gradedWith: 'v1' },
    { questionId: 'otra', response: { type: 'single' as const, optionId: 'b' }, score: 0, gradedWith: 'v1' },
  ];
  const plan = planAttemptRegrade({ score: 1, maxScore: 2 }, responses, definitions, v3, 'v3');
  expect(plan.questions[0]).toMatchObject({ scoreBefore: 1, scoreAfter: -1 });
  expect(plan.scoreAfter).toBe(0);
});

describe('questionChanged and regradability', () => {
  test('a key moved is a change; the same definition with its fields in another order is not', () => {
    const q = single('clave', 'b');
    expect(questionChanged(q, single('clave', 'a'))).toBe(true);
    expect(questionChanged(q, Object.fromEntries(Object.entries(q).reverse()) as Question)).toBe(false);
  });

  test('essays, new types and removed questions are not regraded', () => {
    const essay = {
      id: 'e',
      type: 'essay',
      prompt: 'Explique la subordinación.',
      points: 2,
      format: 'plain',
      rubric: [],
    } as unknown as Question;
    expect(regradability(essay, essay)).toBe('essay');
    expect(regradability(single('clave', 'a'), undefined)).toBe('removed');
    const truefalse = {
      id: 'clave',
      type: 'truefalse',
      prompt: 'El art. 12 prohíbe la subcontratación.',
      points: 1,
      answer: true,
    } as Question;
    expect(regradability(single('clave', 'a'), truefalse)).toBe('type-changed');
    expect(regradability(single('clave', 'b'), single('clave', 'a'))).toBeNull();
  });
});
