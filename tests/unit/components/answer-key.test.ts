import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import AnswerKey from '../../../src/components/quiz/AnswerKey.astro';
import { t } from '../../../src/i18n/index.ts';

const render = async (props: Record<string, unknown>) => (await AstroContainer.create()).renderToString(AnswerKey, { props });
const items = (html: string) => [...html.matchAll(/<li[^>]*>([^<]*)<\/li>/g)].map((m) => m[1]);

describe('<AnswerKey>', () => {
  test('lists several correct answers one per line, never joined with "; " after their periods', async () => {
    const html = await render({
      answerKey: {
        kind: 'all',
        parts: [
          'Interrogar a las personas trabajadoras sin la presencia de sus supervisores.',
          'Exigir la nómina y los registros de asistencia.',
        ],
      },
    });
    expect(html).toContain(t('quiz.correctAnswers.all'));
    expect(html).toMatch(/<ul/);
    expect(items(html)).toEqual([
      'Interrogar a las personas trabajadoras sin la presencia de sus supervisores.',
      'Exigir la nómina y los registros de asistencia.',
    ]);
    expect(html).not.toContain('.;');
  });

  test('says one answer in a sentence, and numbers the steps of an order', async () => {
    const one = await render({ answerKey: { kind: 'all', parts: ['Art. 12'] } });
    expect(one).toContain(t('quiz.correctAnswer', { answer: 'Art. 12' }));
    expect(one).not.toMatch(/<ul|<ol/);
    const order = await render({ answerKey: { kind: 'order', parts: ['Petición', 'Revisión', 'Remediación'] } });
    expect(order).toContain(t('quiz.correctAnswers.order'));
    expect(order).toMatch(/<ol/);
    expect(items(order)).toEqual(['Petición', 'Revisión', 'Remediación']);
  });

  test('in the item analysis, names it the key', async () => {
    expect(await render({ answerKey: { kind: 'any', parts: ['REPSE'] }, variant: 'key' })).toContain(t('items.key', { answer: 'REPSE' }));
  });
});
