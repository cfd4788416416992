import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { drawAttempt, quizVersionHash } from '../../../../../src/lib/server/quizzes/draw.ts';
import { gradeResponse } from '../../../../../src/lib/server/quizzes/grading.ts';
import { fromPublicResponse, toPublicQuestion } from '../../../../../src/lib/server/quizzes/public-view.ts';

const quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
/** A seeded generator, so draws are repeatable in tests. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('drawAttempt', () => {
  test('draws the configured number of distinct questions from the pool', () => {
    for (let seed = 1; seed < 20; seed++) {
      const ids = drawAttempt(quiz, seeded(seed)).questions.map((q) => q.id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
    }
  });

  test('never shows an ordering question already in the right order', () => {
    const ordering = { ...quiz, draw: [{ pool: 'basicos', count: 5 }] };
    for (let seed = 1; seed < 50; seed++) {
      const slot = drawAttempt(ordering, seeded(seed)).questions.find((q) => q.id === 'orden-mlrr');
      expect(slot?.itemOrder).not.toEqual([0, 1, 2, 3]);
    }
  });
});

describe('the public view of a question', () => {
  const all = { ...quiz, draw: [{ pool: 'basicos', count: 5 }] };
  const layout = drawAttempt(all, seeded(7));
  const questions = layout.questions.map((slot) => toPublicQuestion(all.pools[0]?.questions.find((q) => q.id === slot.id) as never, slot));

  test('carries no key: no correct flags, feedback, answers, tolerance or rubric', () => {
    const json = JSON.stringify(questions);
    for (const secret of ['correct', 'feedback', 'answer', 'tolerance', 'rubric', 'Cita el art. 12', '2000', 'REPSE'])
      expect(json).not.toContain(secret);
  });

  test('maps positional answers back so the right one still scores', () => {
    const question = all.pools[0]?.questions.find((q) => q.id === 'art-12');
    const slot = layout.questions.find((q) => q.id === 'art-12');
    const shown = questions.find((q) => q.id === 'art-12');
    if (!question || !slot || shown?.type !== 'single') throw new Error('art-12 expected');
    const right = shown.options.find((o) => o.text === 'Art. 12')?.id ?? null;
    expect(gradeResponse(question, fromPublicResponse(question, slot, { type: 'single', choice: right })).fraction).toBe(1);
    expect(gradeResponse(question, fromPublicResponse(question, slot, { type: 'single', choice: 'o9' })).fraction).toBe(0);
  });

  test('an ordering answered in the order the items truly go scores full marks', () => {
    const question = all.pools[0]?.questions.find((q) => q.id === 'orden-mlrr');
    const slot = layout.questions.find((q) => q.id === 'orden-mlrr');
    const shown = questions.find((q) => q.id === 'orden-mlrr');
    if (question?.type !== 'ordering' || !slot || shown?.type !== 'ordering') throw new Error('ordering expected');
    const order = question.items.map((text) => shown.items.find((i) => i.text === text)?.id as string);
    expect(gradeResponse(question, fromPublicResponse(question, slot, { type: 'ordering', order })).fraction).toBe(1);
  });
});

describe('quizVersionHash', () => {
  test('is stable for the same quiz and changes with any edit', () => {
    expect(quizVersionHash(quiz)).toBe(
      quizVersionHash(quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')))),
    );
    expect(quizVersionHash({ ...quiz, passingScore: 0.8 })).not.toBe(quizVersionHash(quiz));
  });
});
