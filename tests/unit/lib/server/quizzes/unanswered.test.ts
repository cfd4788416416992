import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Question, quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import type { Response } from '../../../../../src/lib/server/quizzes/grading.ts';
import { isAnswered, listUnanswered } from '../../../../../src/lib/server/quizzes/unanswered.ts';

const quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const byId = (id: string) => quiz.pools.flatMap((p) => p.questions).find((q) => q.id === id) as Question;

describe('isAnswered', () => {
  test('nothing saved, an empty choice, blank text or a missing number is unanswered', () => {
    expect(isAnswered(byId('art-12'), null)).toBe(false);
    expect(isAnswered(byId('art-12'), { type: 'single', optionId: null })).toBe(false);
    expect(isAnswered(byId('corto'), { type: 'short', text: '   ' })).toBe(false);
    expect(isAnswered(byId('multa'), { type: 'numeric', value: null })).toBe(false);
  });

  test('an ordering with positions missing counts as unanswered; a complete one as answered', () => {
    expect(isAnswered(byId('orden-mlrr'), { type: 'ordering', order: [] })).toBe(false);
    expect(isAnswered(byId('orden-mlrr'), { type: 'ordering', order: [1, 0, 2, 3] })).toBe(true);
  });

  test('a choice made, a number or words written is answered, right or wrong', () => {
    expect(isAnswered(byId('art-12'), { type: 'single', optionId: 'b' })).toBe(true);
    expect(isAnswered(byId('multa'), { type: 'numeric', value: 0 })).toBe(true);
    expect(isAnswered(byId('corto'), { type: 'short', text: 'no sé' })).toBe(true);
  });
});

describe('listUnanswered', () => {
  test('gives the numbers the attempt shows, in its order', () => {
    const responses = new Map<string, { response: Response | null }>([
      ['multa', { response: { type: 'numeric', value: 2000 } }],
      ['corto', { response: { type: 'short', text: '' } }],
    ]);
    const layout = { questions: [{ id: 'multa' }, { id: 'art-12' }, { id: 'corto' }] };
    // biome-ignore lint/suspicious/noExplicitAny: only the fields listUnanswered reads
    expect(listUnanswered({ quiz, layout, responses: responses as any })).toEqual([2, 3]);
  });
});
