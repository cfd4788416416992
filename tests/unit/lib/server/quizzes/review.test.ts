import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Question, questionSchema, quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { attemptResult, describeKey, reviewMarks, reviewPermissions } from '../../../../../src/lib/server/quizzes/review.ts';

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

describe('attemptResult', () => {
  test('a graded attempt gives its share of the points and whether it reaches the passing score', () => {
    expect(attemptResult(quiz, { score: 9, maxScore: 12 })).toEqual({ percent: 75, passed: true });
    expect(attemptResult(quiz, { score: 8, maxScore: 12 })).toEqual({ percent: 66.7, passed: false });
    expect(attemptResult(quiz, { score: 8.4, maxScore: 12 })).toEqual({ percent: 70, passed: true });
  });

  test('an attempt waiting for an instructor has no result yet', () => {
    expect(attemptResult(quiz, { score: null, maxScore: 12 })).toBeNull();
  });
});

describe('reviewMarks', () => {
  const questions = quiz.pools.flatMap((p) => p.questions);
  const single = questions.find((q) => q.id === 'art-12') as Extract<Question, { type: 'single' }>;
  const ordering = questions.find((q) => q.id === 'orden-mlrr') as Extract<Question, { type: 'ordering' }>;
  const both = { score: true, answers: true };

  test('marks the chosen wrong option and the right one missed, in the order the attempt showed them', () => {
    // Shown as [b, a]: o0 is "Art. 15" (wrong), o1 is "Art. 12" (right).
    const marks = reviewMarks(
      single,
      { id: single.id, optionOrder: ['b', 'a'] },
      { response: { type: 'single', optionId: 'b' }, fraction: 0 },
      both,
    );
    expect(marks.verdict).toBe('wrong');
    expect(marks.options).toEqual({ o0: { key: false, chosen: true }, o1: { key: true, chosen: false } });
  });

  test('a right answer is marked right, option and question', () => {
    const marks = reviewMarks(single, { id: single.id }, { response: { type: 'single', optionId: 'a' }, fraction: 1 }, both);
    expect(marks.verdict).toBe('right');
    expect(marks.options.o0).toEqual({ key: true, chosen: true });
  });

  test('ordering rows are marked by whether each item sits in its place', () => {
    // Shown in the order [2, 0, 1, 3]; the learner put them as 0, 2, 1, 3.
    const marks = reviewMarks(
      ordering,
      { id: ordering.id, itemOrder: [2, 0, 1, 3] },
      { response: { type: 'ordering', order: [0, 2, 1, 3] }, fraction: 0.5 },
      both,
    );
    expect(marks.verdict).toBe('partial');
    expect(marks.rows).toEqual({ p0: false, p1: true, p2: false, p3: true });
  });

  test('without the answers in the policy, only the question is marked; without the score, nothing', () => {
    const saved = { response: { type: 'single' as const, optionId: 'b' }, fraction: 0 };
    expect(reviewMarks(single, { id: single.id }, saved, { score: true, answers: false })).toEqual({
      verdict: 'wrong',
      options: {},
      rows: {},
    });
    expect(reviewMarks(single, { id: single.id }, saved, { score: false, answers: false })).toEqual({
      verdict: null,
      options: {},
      rows: {},
    });
  });

  test('an essay waiting for its grade has no verdict', () => {
    const essay = questions.find((q) => q.type === 'essay') as Question;
    expect(reviewMarks(essay, { id: essay.id }, { response: { type: 'essay', text: 'Texto' }, fraction: null }, both).verdict).toBeNull();
  });
});

describe('describeKey', () => {
  const questions = quiz.pools.flatMap((p) => p.questions);
  const byId = (id: string) => questions.find((q) => q.id === id) as Question;

  test('gives each correct option of a multiple-answer question apart, as written, so none reads ".;"', () => {
    const multiple = questionSchema.parse({
      id: 'atribuciones',
      type: 'multiple',
      prompt: '¿Qué puede hacer el inspector durante la visita?',
      options: [
        { id: 'a', text: 'Interrogar a las personas trabajadoras sin la presencia de sus supervisores.', correct: true },
        { id: 'b', text: 'Ordenar la reinstalación de un trabajador despedido.' },
        { id: 'c', text: 'Exigir la nómina y los registros de asistencia.', correct: true },
      ],
    });
    expect(describeKey(multiple)).toEqual({
      kind: 'all',
      parts: [
        'Interrogar a las personas trabajadoras sin la presencia de sus supervisores.',
        'Exigir la nómina y los registros de asistencia.',
      ],
    });
  });

  test('says how the parts go together: in order, any one accepted, one answer', () => {
    expect(describeKey(byId('orden-mlrr'))).toEqual({
      kind: 'order',
      parts: ['Petición', 'Solicitud de revisión', 'Revisión de 45 días', 'Curso de remediación'],
    });
    expect(describeKey(byId('corto'))).toEqual({ kind: 'any', parts: ['REPSE'] });
    expect(describeKey(byId('art-12'))).toEqual({ kind: 'all', parts: ['Art. 12'] });
  });

  test('writes a numeric answer as Mexico does, and true or false in words', () => {
    expect(describeKey(byId('multa'))?.parts).toEqual(['2,000']);
    const tf = questionSchema.parse({ id: 'vf', type: 'truefalse', prompt: 'La inspección registra contratos colectivos.', answer: false });
    expect(describeKey(tf)?.parts).toEqual(['Falso']);
  });
});
