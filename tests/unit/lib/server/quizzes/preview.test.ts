import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { DomainError } from '../../../../../src/lib/server/errors.ts';
import { drawPreview, gradePreview, gradePreviewForm, readPreviewLayout } from '../../../../../src/lib/server/quizzes/preview.ts';
import { toPublicQuestion } from '../../../../../src/lib/server/quizzes/public-view.ts';

const base = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const quiz: Quiz = { ...base, draw: [{ pool: 'basicos', count: 5 }] };
const question = (id: string) => quiz.pools[0]?.questions.find((q) => q.id === id);

describe('the learner view of a quiz for staff (preview)', () => {
  test('draws as an attempt does and grades the answers on the server, essays left for an instructor', () => {
    const layout = drawPreview(quiz);
    expect(layout.questions.map((q) => q.id).sort()).toEqual(['art-12', 'corto', 'ensayo', 'multa', 'orden-mlrr']);
    const slot = layout.questions.find((q) => q.id === 'art-12');
    const art12 = question('art-12');
    if (!slot || !art12) throw new Error('art-12 expected');
    const shown = toPublicQuestion(art12, slot);
    const right = shown.type === 'single' ? shown.options.find((o) => o.text === 'Art. 12')?.id : undefined;
    const graded = gradePreview(quiz, layout, {
      'art-12': { type: 'single', choice: right ?? null },
      multa: { type: 'numeric', value: 2000 },
      corto: { type: 'short', text: 'repse' },
      ensayo: { type: 'essay', text: 'Porque hay subordinación.' },
    });
    expect(graded).toMatchObject({ score: 3, pending: true });
    expect(graded.responses['art-12']).toMatchObject({ score: 1, fraction: 1 });
    expect(graded.responses['orden-mlrr']).toMatchObject({ score: 0 });
    expect(graded.responses.ensayo).toMatchObject({ score: null });
  });

  test('reads the draw back from the form and refuses one that does not fit the quiz', () => {
    const layout = drawPreview(quiz);
    const form = new FormData();
    form.set('layout', JSON.stringify(layout));
    form.set('q.multa', '2,000');
    const graded = gradePreviewForm(quiz, form);
    expect(graded.layout).toEqual(layout);
    expect(graded.responses.multa).toMatchObject({ score: 1 });

    const invalid = (raw: unknown) => () => readPreviewLayout(quiz, raw);
    expect(invalid('not json')).toThrow(DomainError);
    expect(invalid(JSON.stringify({ questions: [{ id: 'no-such-question' }] }))).toThrow(DomainError);
    expect(invalid(JSON.stringify({ questions: [{ id: 'multa' }, { id: 'multa' }] }))).toThrow(DomainError);
    expect(invalid(JSON.stringify({ questions: [{ id: 'art-12', optionOrder: ['a', 'a'] }] }))).toThrow(DomainError);
    expect(invalid(JSON.stringify({ questions: [{ id: 'orden-mlrr', itemOrder: [0, 1, 2, 9] }] }))).toThrow(DomainError);
  });
});
