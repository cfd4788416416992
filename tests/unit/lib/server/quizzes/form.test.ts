import { describe, expect, test } from 'vitest';
import { answersFromForm, parseNumber } from '../../../../../src/lib/server/quizzes/form.ts';
import type { PublicQuestion } from '../../../../../src/lib/server/quizzes/public-view.ts';

const questions: PublicQuestion[] = [
  {
    id: 'a',
    type: 'single',
    prompt: 'p',
    points: 1,
    options: [
      { id: 'o0', text: 'x' },
      { id: 'o1', text: 'y' },
    ],
  },
  {
    id: 'b',
    type: 'multiple',
    prompt: 'p',
    points: 1,
    options: [
      { id: 'o0', text: 'x' },
      { id: 'o1', text: 'y' },
      { id: 'o2', text: 'z' },
    ],
  },
  { id: 'c', type: 'truefalse', prompt: 'p', points: 1 },
  {
    id: 'd',
    type: 'matching',
    prompt: 'p',
    points: 1,
    left: [
      { id: 'l0', text: '12' },
      { id: 'l1', text: '13' },
    ],
    choices: [
      { id: 'c0', text: 'x' },
      { id: 'c1', text: 'y' },
    ],
  },
  {
    id: 'e',
    type: 'ordering',
    prompt: 'p',
    points: 1,
    items: [
      { id: 'p0', text: 'B' },
      { id: 'p1', text: 'A' },
      { id: 'p2', text: 'C' },
    ],
  },
  { id: 'f', type: 'numeric', prompt: 'p', points: 1 },
  { id: 'g', type: 'short', prompt: 'p', points: 1 },
];

describe('answersFromForm', () => {
  test('reads every question type from the form fields', () => {
    const form = new FormData();
    form.set('q.a', 'o1');
    form.append('q.b', 'o0');
    form.append('q.b', 'o2');
    form.set('q.c', 'false');
    form.set('q.d.l0', 'c1');
    form.set('q.d.l1', '');
    form.set('q.e.p0', '2');
    form.set('q.e.p1', '1');
    form.set('q.e.p2', '3');
    form.set('q.f', '2,000');
    form.set('q.g', ' REPSE ');
    expect(answersFromForm(questions, form)).toEqual({
      a: { type: 'single', choice: 'o1' },
      b: { type: 'multiple', choices: ['o0', 'o2'] },
      c: { type: 'truefalse', value: false },
      d: { type: 'matching', matches: { l0: 'c1', l1: null } },
      e: { type: 'ordering', order: ['p1', 'p0', 'p2'] },
      f: { type: 'numeric', value: 2000 },
      g: { type: 'short', text: ' REPSE ' },
    });
  });

  test('an ordering with a repeated position stays incomplete', () => {
    const form = new FormData();
    form.set('q.e.p0', '1');
    form.set('q.e.p1', '1');
    form.set('q.e.p2', '3');
    expect(answersFromForm(questions, form).e).toEqual({ type: 'ordering', order: [] });
  });
});

describe('parseNumber', () => {
  test.each([
    ['2,000', 2000],
    ['2 000', 2000],
    ['1,234.5', 1234.5],
    ['2,5', 2.5],
    ['-3', -3],
    ['', null],
    ['dos mil', null],
  ])('%j reads as %j', (raw, expected) => {
    expect(parseNumber(raw)).toBe(expected);
  });
});
