import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { importGift } from '../../../../../src/lib/server/quizzes/gift-import.ts';

const { pools, problems, notes } = importGift(readFileSync('tests/fixtures/gift/sample.gift', 'utf8'));
const questions = pools.flatMap((p) => p.questions);
const byId = Object.fromEntries(questions.map((q) => [q.id, q]));

describe('importGift', () => {
  test('turns $CATEGORY into a pool named after its last part', () => {
    expect(pools.map((p) => [p.id, p.title])).toEqual([['conceptos', 'Conceptos']]);
  });

  test('converts each supported construct to the matching Aula type', () => {
    expect(Object.fromEntries(questions.map((q) => [q.id, q.type]))).toEqual({
      'art-12': 'single',
      tf: 'truefalse',
      pares: 'matching',
      uma: 'numeric',
      rango: 'numeric',
      registro: 'short',
      indicios: 'multiple',
      ensayo: 'essay',
    });
  });

  test('keeps answers, feedback, distractors, tolerances and ranges', () => {
    expect(byId['art-12']).toMatchObject({
      options: [{ id: 'a', text: 'Art. 12', correct: true, feedback: 'Correcto' }, { correct: false }, { correct: false }],
    });
    expect(byId.tf).toMatchObject({ answer: true, feedbackTrue: 'Correcto, art. 387.', feedbackFalse: 'No, son seis meses.' });
    expect(byId.pares).toMatchObject({
      pairs: [
        { left: 'Art. 12', right: 'Prohíbe' },
        { left: 'Art. 13', right: 'Permite' },
        { left: 'Art. 15', right: 'Registra' },
      ],
      distractors: ['Sanciona'],
    });
    expect(byId.uma).toMatchObject({ answer: 2000, tolerance: 0 });
    expect(byId.rango).toMatchObject({ answer: 3, tolerance: 2 });
    expect(byId.registro).toMatchObject({ answers: ['REPSE', 'Registro de Prestadoras de Servicios Especializados'] });
    expect(byId.indicios).toMatchObject({ options: [{ correct: true }, { correct: true }, { correct: false }] });
  });

  test('reports every construct it cannot convert with its line and reason, in Spanish', () => {
    expect(problems.map((p) => p.line)).toEqual([18, 22, 24, 26]);
    expect(problems[0]?.message).toMatch(/porcentajes distintos/);
    expect(problems[1]?.message).toMatch(/cierre las llaves/);
    expect(problems[2]?.message).toMatch(/no compatible: Description/);
    expect(notes).toEqual([{ line: 20, message: expect.stringMatching(/rúbrica genérica/) }]);
  });

  test('produces a quiz that passes Aula’s schema', () => {
    const quiz = {
      title: 'Importada',
      passingScore: 0.7,
      attempts: 3,
      draw: pools.map((p) => ({ pool: p.id, count: p.questions.length })),
      pools,
    };
    expect(quizSchema.safeParse(quiz).success).toBe(true);
  });
});
