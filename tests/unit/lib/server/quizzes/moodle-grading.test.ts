import { describe, expect, test } from 'vitest';
import { type Question, questionSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import {
  attemptTotal,
  gradeResponse,
  matchNumericAnswer,
  matchShortAnswer,
  shortAnswerMatches,
} from '../../../../../src/lib/server/quizzes/grading.ts';

/** Moodle's grading models, each against scores computed by hand (decision 021). */

const q = (value: unknown): Question => questionSchema.parse(value);
const prompt = 'Una pregunta de prueba con enunciado completo.';

describe('single choice with partial and negative credit', () => {
  const single = q({
    id: 'parcial',
    type: 'single',
    prompt,
    points: 2,
    options: [
      { id: 'a', text: 'Art. 12', correct: true },
      { id: 'b', text: 'Art. 13', fraction: 0.5 },
      { id: 'c', text: 'Art. 15', fraction: -0.25 },
      { id: 'd', text: 'Art. 41' },
    ],
  });

  test("the chosen option's fraction times the points, negative marks included", () => {
    expect(gradeResponse(single, { type: 'single', optionId: 'a' })).toEqual({ score: 2, fraction: 1 });
    expect(gradeResponse(single, { type: 'single', optionId: 'b' })).toEqual({ score: 1, fraction: 0.5 });
    expect(gradeResponse(single, { type: 'single', optionId: 'c' })).toEqual({ score: -0.5, fraction: -0.25 });
    expect(gradeResponse(single, { type: 'single', optionId: 'd' })).toEqual({ score: 0, fraction: 0 });
    expect(gradeResponse(single, { type: 'single', optionId: null })).toEqual({ score: 0, fraction: 0 });
  });

  test('an option with fraction 1 is as right as one marked correct', () => {
    const byFraction = q({
      id: 'por-fraccion',
      type: 'single',
      prompt,
      options: [
        { id: 'a', text: 'Sí', fraction: 1 },
        { id: 'b', text: 'No', fraction: 0 },
      ],
    });
    expect(gradeResponse(byFraction, { type: 'single', optionId: 'a' }).score).toBe(1);
  });

  test("an attempt's total never goes below zero", () => {
    expect(attemptTotal([-0.5, -0.5])).toBe(0);
    expect(attemptTotal([-0.5, 2, 0.25])).toBe(1.75);
  });
});

describe('multiple response: weighted (Moodle) beside right-minus-wrong (Aula)', () => {
  // Moodle's example: "What two people are entombed in Grant's tomb?"
  const options = [
    { id: 'a', text: 'Nadie', fraction: -1 },
    { id: 'b', text: 'Grant', fraction: 0.5, correct: true },
    { id: 'c', text: 'La esposa de Grant', fraction: 0.5, correct: true },
    { id: 'd', text: 'El padre de Grant', fraction: -1 },
  ];
  const weighted = q({ id: 'tumba', type: 'multiple', grading: 'weighted', prompt, points: 3, options });
  const rmw = q({ id: 'tumba-rmw', type: 'multiple', prompt, points: 3, options: options.map(({ fraction: _f, ...o }) => o) });
  const chose = (...optionIds: string[]) => ({ type: 'multiple' as const, optionIds });

  test('weighted: the sum of the chosen fractions, clamped to 0..1, times the points', () => {
    expect(gradeResponse(weighted, chose('b')).score).toBe(1.5);
    expect(gradeResponse(weighted, chose('b', 'c')).score).toBe(3);
    // 0.5 + 0.5 - 1 = 0
    expect(gradeResponse(weighted, chose('b', 'c', 'd')).score).toBe(0);
    // 0.5 - 1 = -0.5, floored at 0
    expect(gradeResponse(weighted, chose('b', 'd'))).toEqual({ score: 0, fraction: 0 });
    expect(gradeResponse(weighted, chose())).toEqual({ score: 0, fraction: 0 });
  });

  test('right-minus-wrong on the same options: 2/2 right minus 1/2 wrong is half', () => {
    expect(gradeResponse(rmw, chose('b', 'c', 'd')).score).toBe(1.5);
    expect(gradeResponse(rmw, chose('b')).score).toBe(1.5);
    expect(gradeResponse(rmw, chose('b', 'd')).score).toBe(0);
  });

  test('thirds written as 33.333 % add up to full marks', () => {
    const thirds = q({
      id: 'tercios',
      type: 'multiple',
      grading: 'weighted',
      prompt,
      options: [
        { id: 'a', text: 'Uno', fraction: 0.33333 },
        { id: 'b', text: 'Dos', fraction: 0.33333 },
        { id: 'c', text: 'Tres', fraction: 0.33333 },
        { id: 'd', text: 'Cuatro', fraction: -0.5 },
      ],
    });
    expect(gradeResponse(thirds, chose('a', 'b', 'c'))).toEqual({ score: 1, fraction: 1 });
    expect(gradeResponse(thirds, chose('a')).score).toBe(0.3333);
  });
});

describe('short answers: percentages, feedback, wildcard, case', () => {
  const short = q({
    id: 'registro',
    type: 'short',
    prompt,
    points: 2,
    answers: [
      'REPSE',
      { text: 'registro*', fraction: 0.5, feedback: 'Casi: ¿qué registro?' },
      { text: '*', fraction: 0, feedback: 'Revise el art. 15 de la LFT.' },
    ],
  });

  test('the best-scoring matching answer wins, and its feedback comes with it', () => {
    expect(gradeResponse(short, { type: 'short', text: ' repse. ' }).score).toBe(2);
    expect(gradeResponse(short, { type: 'short', text: 'Registro de empresas' }).score).toBe(1);
    expect(matchShortAnswer(short as Extract<Question, { type: 'short' }>, 'Registro de empresas')?.feedback).toBe('Casi: ¿qué registro?');
    expect(gradeResponse(short, { type: 'short', text: 'IMSS' }).score).toBe(0);
    expect(matchShortAnswer(short as Extract<Question, { type: 'short' }>, 'IMSS')?.feedback).toBe('Revise el art. 15 de la LFT.');
    expect(gradeResponse(short, { type: 'short', text: '   ' }).score).toBe(0);
  });

  test('* is any run of characters; everything else in the answer is literal', () => {
    expect(shortAnswerMatches('art. 1*', 'Art. 123')).toBe(true);
    expect(shortAnswerMatches('art. 1*', 'arte 123')).toBe(false);
    expect(shortAnswerMatches('a*b', 'ab')).toBe(true);
    expect(shortAnswerMatches('(a+b)', '(a+b)')).toBe(true);
    expect(shortAnswerMatches('5\\*3', '5*3')).toBe(true);
    expect(shortAnswerMatches('5\\*3', '5x3')).toBe(false);
  });

  test('case sensitive keeps case but still folds spaces; by default case and accents are folded', () => {
    const nom = q({ id: 'nom', type: 'short', prompt, caseSensitive: true, answers: ['NOM-035'] });
    expect(gradeResponse(nom, { type: 'short', text: 'NOM-035' }).score).toBe(1);
    expect(gradeResponse(nom, { type: 'short', text: '  NOM-035  ' }).score).toBe(1);
    expect(gradeResponse(nom, { type: 'short', text: 'nom-035' }).score).toBe(0);
    const folded = q({ id: 'nom-2', type: 'short', prompt, answers: ['Inspección'] });
    expect(gradeResponse(folded, { type: 'short', text: 'INSPECCION' }).score).toBe(1);
  });
});

describe('numeric: several answers, tolerance and interval', () => {
  const numeric = q({
    id: 'multa',
    type: 'numeric',
    prompt,
    points: 2,
    unit: 'UMA',
    answers: [
      { value: 2000, tolerance: 10, feedback: 'Exacto: art. 1004-C.' },
      { min: 1500, max: 2500, fraction: 0.5, feedback: 'Cerca.' },
      { value: 5000, fraction: 0.25 },
    ],
  }) as Extract<Question, { type: 'numeric' }>;
  const value = (v: number | null) => gradeResponse(numeric, { type: 'numeric', value: v }).score;

  test('each answer by its tolerance or interval; the best-scoring one wins', () => {
    expect(value(2000)).toBe(2);
    expect(value(2010)).toBe(2);
    expect(value(2011)).toBe(1);
    expect(value(1500)).toBe(1);
    expect(value(2500)).toBe(1);
    expect(value(2501)).toBe(0);
    expect(value(5000)).toBe(0.5);
    expect(value(5000.5)).toBe(0);
    expect(value(null)).toBe(0);
    expect(matchNumericAnswer(numeric, 1990)?.feedback).toBe('Exacto: art. 1004-C.');
    expect(matchNumericAnswer(numeric, 2400)?.feedback).toBe('Cerca.');
  });

  test("today's answer and tolerance become one answer worth 100 %", () => {
    const legacy = q({ id: 'legacy', type: 'numeric', prompt, answer: 50, tolerance: 0.5 });
    expect(legacy).toMatchObject({ answers: [{ value: 50, tolerance: 0.5, fraction: 1 }] });
    expect(gradeResponse(legacy, { type: 'numeric', value: 50.5 }).score).toBe(1);
    expect(gradeResponse(legacy, { type: 'numeric', value: 50.6 }).score).toBe(0);
  });
});

test('a description is not graded', () => {
  const description = q({ id: 'caso', type: 'description', prompt: 'Lea el caso de la empresa X.' });
  expect(description.points).toBe(0);
  expect(gradeResponse(description, null)).toEqual({ score: null, fraction: null });
});
