import { describe, expect, test } from 'vitest';
import { type Question, questionSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { describeKey, reviewMarks } from '../../../../../src/lib/server/quizzes/review.ts';
import { reviewFeedback } from '../../../../../src/lib/server/quizzes/review-feedback.ts';

/** The review of questions in Moodle's models: which options are the key, and which feedback shows. */

const q = (value: unknown): Question => questionSchema.parse(value);
const prompt = 'Una pregunta de prueba con enunciado completo.';
const weighted = q({
  id: 'tumba',
  type: 'multiple',
  grading: 'weighted',
  prompt,
  format: 'markdown',
  options: [
    { id: 'a', text: 'Nadie', fraction: -1, feedback: 'Alguien sí.' },
    { id: 'b', text: '**Grant**', fraction: 0.5, feedback: 'Uno de dos.' },
    { id: 'c', text: 'Su esposa', fraction: 0.5, feedback: 'La otra.' },
  ],
});
const slot = { id: 'tumba', optionOrder: ['c', 'a', 'b'] };

describe('describeKey', () => {
  test('single choice: the options worth full marks, not those with partial credit', () => {
    const single = q({
      id: 's',
      type: 'single',
      prompt,
      options: [
        { id: 'a', text: 'Art. 12', correct: true },
        { id: 'b', text: 'Art. 13', fraction: 0.5 },
        { id: 'c', text: 'Art. 14', fraction: 1 },
      ],
    });
    expect(describeKey(single)).toEqual({ kind: 'any', parts: ['Art. 12', 'Art. 14'] });
  });

  test('weighted multiple response: the options worth something, as plain text', () => {
    expect(describeKey(weighted)).toEqual({ kind: 'all', parts: ['Grant', 'Su esposa'] });
  });

  test('numeric and short: only the answers worth 100 %; a description has no key', () => {
    const numeric = q({
      id: 'n',
      type: 'numeric',
      prompt,
      unit: 'UMA',
      answers: [
        { min: 1900, max: 2100 },
        { value: 2000, tolerance: 5 },
        { value: 50, fraction: 0.5 },
      ],
    });
    expect(describeKey(numeric)).toEqual({ kind: 'any', parts: ['de 1,900 UMA a 2,100 UMA', '2,000 UMA (± 5)'] });
    const short = q({ id: 'c', type: 'short', prompt, answers: ['REPSE', { text: 'registro*', fraction: 0.5 }] });
    expect(describeKey(short)).toEqual({ kind: 'any', parts: ['REPSE'] });
    expect(describeKey(q({ id: 'd', type: 'description', prompt: 'Lea el caso.' }))).toBeNull();
  });
});

test('reviewMarks: in a weighted question the key is the options worth more than 0', () => {
  const marks = reviewMarks(
    weighted,
    slot,
    { response: { type: 'multiple', optionIds: ['a', 'b'] }, fraction: 0 },
    { score: true, answers: true },
  );
  expect(marks.options).toEqual({
    o0: { key: true, chosen: false },
    o1: { key: false, chosen: true },
    o2: { key: true, chosen: true },
  });
  expect(marks.verdict).toBe('wrong');
});

describe('reviewFeedback', () => {
  const response = { type: 'multiple' as const, optionIds: ['b', 'a'] };

  test("each chosen option's feedback, named, in the order shown, then the general feedback", () => {
    const withGeneral = { ...weighted, feedback: 'Moodle lo pregunta así.' } as Question;
    expect(reviewFeedback(withGeneral, slot, response, { feedback: true })).toEqual({
      format: 'markdown',
      answer: [
        { about: 'Nadie', text: 'Alguien sí.' },
        { about: '**Grant**', text: 'Uno de dos.' },
      ],
      general: 'Moodle lo pregunta así.',
    });
  });

  test('nothing when the policy hides feedback, or when nothing was answered', () => {
    expect(reviewFeedback(weighted, slot, response, { feedback: false })).toEqual({ format: 'markdown', answer: [], general: null });
    expect(reviewFeedback(weighted, slot, null, { feedback: true }).answer).toEqual([]);
  });

  test('true/false: the feedback for the answer given, not for the right one', () => {
    const tf = q({ id: 'vf', type: 'truefalse', prompt, answer: true, feedbackTrue: 'Así es.', feedbackFalse: 'No: art. 541.' });
    expect(reviewFeedback(tf, { id: 'vf' }, { type: 'truefalse', value: false }, { feedback: true }).answer).toEqual([
      { about: null, text: 'No: art. 541.' },
    ]);
    expect(reviewFeedback(tf, { id: 'vf' }, { type: 'truefalse', value: null }, { feedback: true }).answer).toEqual([]);
  });
});
