import { describe, expect, test } from 'vitest';
import { hideEscapes, parseGiftQuestion, restoreEscapes } from '../../../../../src/lib/server/quizzes/gift-parser.ts';

const read = (text: string) => parseGiftQuestion(text.split('\n'));

describe('hideEscapes / restoreEscapes', () => {
  test('\\\\ is one backslash and does not escape what follows; \\n is a new line', () => {
    const hidden = hideEscapes('a \\= b \\\\= c \\: \\n d');
    expect(hidden.split('=').length).toBe(2); // only the = after \\ is still syntax
    expect(hidden).not.toContain(':');
    expect(restoreEscapes(hidden)).toBe('a = b \\= c : \n d');
  });
});

describe('parseGiftQuestion', () => {
  test('keeps Moodle’s shape: qtype, single flag, fractions and a format per text', () => {
    expect(read('::Q2:: ¿Qué color? {\n=amarillo # bien\n~rojo # [html]<b>mal</b>\n~[plain]azul # mal\n}')).toEqual({
      kind: 'question',
      question: expect.objectContaining({
        name: 'Q2',
        named: true,
        qtype: 'multichoice',
        single: true,
        text: { text: '¿Qué color?', format: 'moodle' },
        answers: [
          { text: { text: 'amarillo', format: 'moodle' }, fraction: 1, feedback: { text: 'bien', format: 'moodle' } },
          { text: { text: 'rojo', format: 'moodle' }, fraction: 0, feedback: { text: '<b>mal</b>', format: 'html' } },
          { text: { text: 'azul', format: 'plain' }, fraction: 0, feedback: { text: 'mal', format: 'moodle' } },
        ],
      }),
    });
  });

  test('{FALSE#a#b}: a for the wrong answer (true), b for the right one (false)', () => {
    const block = read('::Q1:: 42 es la respuesta a todo.{\nFALSE#42 es la respuesta última.#Respondió bien.}');
    expect(block).toMatchObject({
      question: {
        qtype: 'truefalse',
        correct: false,
        feedbackTrue: { text: '42 es la respuesta última.' },
        feedbackFalse: { text: 'Respondió bien.' },
      },
    });
  });

  test('{#3:2~#…}: a value with its margin, then Moodle’s any-other answer worth 0', () => {
    expect(read('::Q5:: ¿Un número del 1 al 5? {#3:2~#Muy lejos}')).toMatchObject({
      question: {
        qtype: 'numerical',
        answers: [
          { match: { value: 3, tolerance: 2 }, fraction: 1, feedback: { text: '' } },
          { match: 'any', fraction: 0, feedback: { text: 'Muy lejos' } },
        ],
      },
    });
  });

  test('comments keep [id:…] (with \\] inside) and [tag:…]; a name without :: closing is no name', () => {
    expect(read('// [id:a\\]b] [tag:uno] [tag: dos ]\n::Nombre:: ¿Cómo está? {}')).toMatchObject({
      question: { qtype: 'essay', idNumber: 'a]b', tags: ['uno', 'dos'] },
    });
    expect(read('::Sin cierre ¿Cómo está? {}')).toMatchObject({ question: { named: false, name: 'Sin cierre ¿Cómo está?' } });
  });

  test('categories, comment-only blocks and unbalanced braces', () => {
    expect(read('$CATEGORY: $course$/top/Uno')).toEqual({ kind: 'category', path: '$course$/top/Uno' });
    expect(read('// solo un comentario')).toBeNull();
    expect(read('::Roto:: Texto } al revés {')).toMatchObject({ kind: 'error', name: 'Roto' });
  });
});
