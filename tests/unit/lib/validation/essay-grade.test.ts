import { describe, expect, test } from 'vitest';
import { ESSAY_COMMENT_MAX, essayGradeSchema, levelsFromForm } from '../../../../src/lib/validation/essay-grade.ts';

describe('essayGradeSchema', () => {
  test('refuses a comment over the limit with a Spanish message on the comment field', () => {
    const result = essayGradeSchema.safeParse({ attemptId: '1', questionId: 'ensayo', comment: 'a'.repeat(ESSAY_COMMENT_MAX + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['comment'],
        message: 'El comentario puede tener hasta 2,000 caracteres; acórtelo y vuelva a guardar.',
      }),
    ]);
  });

  test('accepts a comment at the limit and the rubric levels as sent', () => {
    const result = essayGradeSchema.parse({
      attemptId: '7',
      questionId: 'ensayo',
      level: { 0: '1', 1: '0' },
      comment: 'a'.repeat(ESSAY_COMMENT_MAX),
    });
    expect(result).toMatchObject({ attemptId: 7, level: { 0: '1', 1: '0' } });
  });

  test('cleans the comment as all free text: no NUL, no bidi override, paragraphs kept', () => {
    const comment = essayGradeSchema.parse({
      attemptId: '7',
      questionId: 'ensayo',
      comment: 'Bien\0 fundado.\u202E\r\n\r\nCite el artículo.',
    }).comment;
    expect(comment).toBe('Bien fundado.\n\nCite el artículo.');
  });
});

describe('levelsFromForm', () => {
  test('reads each criterion by its index, leaving out what was not chosen', () => {
    expect(levelsFromForm({ 0: '2', 2: '0' })).toEqual([2, undefined, 0]);
    expect(levelsFromForm(undefined)).toEqual([]);
  });

  test('turns a value that is not a level number into NaN, never into level 0', () => {
    expect(levelsFromForm({ 0: '' })).toEqual([Number.NaN]);
    expect(levelsFromForm({ 0: '1.5' })).toEqual([Number.NaN]);
    expect(levelsFromForm({ 0: '-1' })).toEqual([Number.NaN]);
  });
});
