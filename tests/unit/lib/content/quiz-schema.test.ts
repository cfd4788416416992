import { describe, expect, test } from 'vitest';
import { questionSchema, quizSchema } from '../../../../src/lib/content/quiz-schema.ts';

/** The rules of the Moodle grading models (decision 021), and that parsed quizzes parse again unchanged. */

const prompt = 'Una pregunta de prueba con enunciado completo.';
const messages = (value: unknown) => {
  const result = questionSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('rules', () => {
  test('single choice needs an option worth 100 %, and a correct option cannot carry another percentage', () => {
    expect(
      messages({
        id: 'x',
        type: 'single',
        prompt,
        options: [
          { id: 'a', text: 'A', fraction: 0.5 },
          { id: 'b', text: 'B' },
        ],
      }).join(' '),
    ).toContain('opción correcta');
    expect(
      messages({
        id: 'x',
        type: 'single',
        prompt,
        options: [
          { id: 'a', text: 'A', correct: true, fraction: 0.5 },
          { id: 'b', text: 'B' },
        ],
      }).join(' '),
    ).toContain('vale 100 %');
  });

  test('weighted multiple response: every option has a fraction and the positive ones sum to 100 %', () => {
    const weighted = (fractions: (number | undefined)[]) =>
      messages({
        id: 'x',
        type: 'multiple',
        grading: 'weighted',
        prompt,
        options: fractions.map((fraction, i) => ({ id: `o${i}`, text: `O${i}`, fraction })),
      });
    expect(weighted([0.5, 0.5, -1])).toEqual([]);
    expect(weighted([0.5, 0.4, -1]).join(' ')).toContain('suman 90 %');
    expect(weighted([0.5, 0.5, undefined]).join(' ')).toContain('cada opción lleva su porcentaje');
    expect(weighted([0.5, 1.5]).join(' ')).toContain('-100 % a 100 %');
  });

  test('short and numeric answers need one answer worth 100 %', () => {
    expect(messages({ id: 'x', type: 'short', prompt, answers: [{ text: 'a', fraction: 0.5 }] }).join(' ')).toContain('100 %');
    expect(messages({ id: 'x', type: 'numeric', prompt, answers: [{ value: 1, fraction: 0.5 }] }).join(' ')).toContain('100 %');
  });

  test('numeric takes answer or answers, not both, and an interval runs upwards', () => {
    expect(messages({ id: 'x', type: 'numeric', prompt, answer: 1, answers: [{ value: 1 }] }).join(' ')).toContain('no ambos');
    expect(messages({ id: 'x', type: 'numeric', prompt }).join(' ')).toContain('no ambos');
    expect(messages({ id: 'x', type: 'numeric', prompt, answers: [{ min: 3, max: 1 }] }).join(' ')).toContain('mínimo');
  });

  test('a description is worth no points', () => {
    expect(messages({ id: 'x', type: 'description', prompt: 'Texto.', points: 1 })).not.toEqual([]);
    expect(messages({ id: 'x', type: 'description', prompt: 'Texto.', format: 'markdown', tags: ['caso'] })).toEqual([]);
  });
});

test('a parsed quiz parses again to itself, as quiz_versions stores the parsed definition', () => {
  const quiz = quizSchema.parse({
    title: 'Evaluación de prueba',
    passingScore: 0.7,
    attempts: 2,
    draw: [{ pool: 'p', count: 5 }],
    pools: [
      {
        id: 'p',
        questions: [
          { id: 'd', type: 'description', prompt: 'Lea el caso.' },
          { id: 'n', type: 'numeric', prompt, answer: 3, tolerance: 1 },
          { id: 's', type: 'short', prompt, answers: ['uno', { text: 'dos*', fraction: 0.5, feedback: 'Casi.' }], caseSensitive: true },
          {
            id: 'm',
            type: 'multiple',
            grading: 'weighted',
            prompt,
            options: [
              { id: 'a', text: 'A', fraction: 1 },
              { id: 'b', text: 'B', fraction: -1 },
            ],
          },
          {
            id: 'u',
            type: 'single',
            prompt,
            format: 'markdown',
            options: [
              { id: 'a', text: 'A', correct: true },
              { id: 'b', text: '**B**', fraction: 0.5 },
            ],
          },
        ],
      },
    ],
  });
  expect(quizSchema.parse(JSON.parse(JSON.stringify(quiz)))).toEqual(quiz);
});
