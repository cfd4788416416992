import { describe, expect, test } from 'vitest';
import { type Question, questionSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { gradeEssay, gradeResponse, normalizeShortAnswer } from '../../../../../src/lib/server/quizzes/grading.ts';

const q = (value: unknown): Question => questionSchema.parse(value);
const single = q({
  id: 'art-12',
  type: 'single',
  prompt: '¿Qué artículo prohíbe la subcontratación de personal?',
  points: 2,
  options: [
    { id: 'a', text: 'Art. 12', correct: true },
    { id: 'b', text: 'Art. 15' },
  ],
});
const multiple = q({
  id: 'indicios',
  type: 'multiple',
  prompt: '¿Cuáles son indicios de subordinación al beneficiario?',
  options: [
    { id: 'a', text: 'Sus supervisores asignan turnos', correct: true },
    { id: 'b', text: 'Sus supervisores imponen sanciones', correct: true },
    { id: 'c', text: 'Tiene registro REPSE' },
    { id: 'd', text: 'Usa uniforme de otra empresa' },
  ],
});

describe('gradeResponse', () => {
  test('single choice: full points for the right option, none otherwise or unanswered', () => {
    expect(gradeResponse(single, { type: 'single', optionId: 'a' })).toEqual({ score: 2, fraction: 1 });
    expect(gradeResponse(single, { type: 'single', optionId: 'b' })).toEqual({ score: 0, fraction: 0 });
    expect(gradeResponse(single, { type: 'single', optionId: null })).toEqual({ score: 0, fraction: 0 });
    expect(gradeResponse(single, null)).toEqual({ score: 0, fraction: 0 });
  });

  test('multiple response: partial credit, wrong choices subtract, floor at zero', () => {
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['a', 'b'] }).fraction).toBe(1);
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['a'] }).fraction).toBe(0.5);
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['a', 'b', 'c'] }).fraction).toBe(0.5);
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['a', 'c', 'd'] }).fraction).toBe(0);
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['c', 'd'] }).fraction).toBe(0);
    expect(gradeResponse(multiple, { type: 'multiple', optionIds: ['a', 'b', 'c', 'd'] }).fraction).toBe(0);
  });

  test('true or false, with no answer counting as wrong', () => {
    const tf = q({ id: 'tf', type: 'truefalse', prompt: 'La constancia de representatividad dura seis meses.', answer: true });
    expect(gradeResponse(tf, { type: 'truefalse', value: true }).fraction).toBe(1);
    expect(gradeResponse(tf, { type: 'truefalse', value: false }).fraction).toBe(0);
    expect(gradeResponse(tf, { type: 'truefalse', value: null }).fraction).toBe(0);
  });

  test('matching: the share of pairs matched, distractors never right', () => {
    const m = q({
      id: 'm',
      type: 'matching',
      prompt: 'Relacione cada artículo con su contenido.',
      pairs: [
        { left: '12', right: 'Prohíbe' },
        { left: '13', right: 'Permite' },
        { left: '15', right: 'Registra' },
      ],
      distractors: ['Sanciona'],
    });
    expect(gradeResponse(m, { type: 'matching', matches: { '0': 'r0', '1': 'r1', '2': 'r2' } }).fraction).toBe(1);
    expect(gradeResponse(m, { type: 'matching', matches: { '0': 'r0', '1': 'r3', '2': null } }).fraction).toBe(0.3333);
  });

  test('ordering: the share of items in their right place; an incomplete order scores zero', () => {
    const o = q({
      id: 'o',
      type: 'ordering',
      prompt: 'Ordene los pasos del mecanismo.',
      items: ['Petición', 'Solicitud', 'Revisión', 'Remediación'],
    });
    expect(gradeResponse(o, { type: 'ordering', order: [0, 1, 2, 3] }).fraction).toBe(1);
    expect(gradeResponse(o, { type: 'ordering', order: [1, 0, 2, 3] }).fraction).toBe(0.5);
    expect(gradeResponse(o, { type: 'ordering', order: [0, 1, 2] }).fraction).toBe(0);
  });

  test('numeric with tolerance, inclusive at the edges', () => {
    const n = q({ id: 'n', type: 'numeric', prompt: '¿Cuántos pesos son 2,000 UMA de 2025?', answer: 226280, tolerance: 1, unit: 'MXN' });
    expect(gradeResponse(n, { type: 'numeric', value: 226280 }).fraction).toBe(1);
    expect(gradeResponse(n, { type: 'numeric', value: 226281 }).fraction).toBe(1);
    expect(gradeResponse(n, { type: 'numeric', value: 226281.5 }).fraction).toBe(0);
    expect(gradeResponse(n, { type: 'numeric', value: null }).fraction).toBe(0);
    expect(gradeResponse(n, { type: 'numeric', value: Number.NaN }).fraction).toBe(0);
  });

  test('short text: any accepted answer, without case, accents, extra spaces or final punctuation', () => {
    const s = q({
      id: 's',
      type: 'short',
      prompt: '¿Qué registro deben tener las prestadoras?',
      answers: ['REPSE', 'Registro de Prestadoras de Servicios Especializados'],
    });
    expect(gradeResponse(s, { type: 'short', text: ' repse. ' }).fraction).toBe(1);
    expect(gradeResponse(s, { type: 'short', text: 'registro  de prestadoras de servicios ESPECIALIZADOS' }).fraction).toBe(1);
    expect(gradeResponse(s, { type: 'short', text: 'IMSS' }).fraction).toBe(0);
    expect(gradeResponse(s, { type: 'short', text: '' }).fraction).toBe(0);
    expect(normalizeShortAnswer('¿Subcontratación?')).toBe('subcontratacion');
  });

  test('essays wait for an instructor; the rubric gives their points', () => {
    const e = q({
      id: 'e',
      type: 'essay',
      prompt: 'Redacte los hallazgos con su fundamento.',
      points: 10,
      rubric: [
        {
          criterion: 'Fundamento',
          levels: [
            { points: 0, description: 'Sin fundamento' },
            { points: 3, description: 'Parcial' },
            { points: 6, description: 'Preciso' },
          ],
        },
        {
          criterion: 'Evidencia',
          levels: [
            { points: 0, description: 'Sin evidencia' },
            { points: 4, description: 'Suficiente' },
          ],
        },
      ],
    });
    expect(gradeResponse(e, { type: 'essay', text: 'Texto' })).toEqual({ score: null, fraction: null });
    if (e.type !== 'essay') throw new Error('essay expected');
    expect(gradeEssay(e, [2, 1])).toEqual({ score: 10, fraction: 1 });
    expect(gradeEssay(e, [1, 0])).toEqual({ score: 3, fraction: 0.3 });
    expect(() => gradeEssay(e, [1])).toThrow();
  });

  test('a response of another type than the question scores zero', () => {
    expect(gradeResponse(single, { type: 'short', text: 'Art. 12' }).fraction).toBe(0);
  });
});
