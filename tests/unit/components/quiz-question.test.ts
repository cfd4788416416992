import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import QuizQuestion from '../../../src/components/quiz/QuizQuestion.astro';
import { questionSchema } from '../../../src/lib/content/quiz-schema.ts';
import { toPublicQuestion } from '../../../src/lib/server/quizzes/public-view.ts';

const render = async (props: Record<string, unknown>) => (await AstroContainer.create()).renderToString(QuizQuestion, { props });
/** The page without the dev-only source annotations, so assertions read like the HTML served. */
const clean = (html: string) => html.replace(/ data-astro-source-(file|loc)="[^"]*"/g, '');

describe('<QuizQuestion> renders texts by their format', () => {
  test('Markdown: rendered and sanitised, the prompt beside the legend, options inline', async () => {
    const question = questionSchema.parse({
      id: 'md',
      type: 'single',
      format: 'markdown',
      prompt: 'Según la **LFT**:\n\n- art. 540\n- art. 541\n\n<script>alert(1)</script>',
      options: [
        { id: 'a', text: 'La *inspección* <img src="x" onerror="alert(2)">', correct: true },
        { id: 'b', text: '[otra](javascript:alert(3))' },
      ],
    });
    const html = clean(await render({ question: toPublicQuestion(question, { id: 'md' }), number: 3, answer: null }));
    expect(html).toContain('<strong>LFT</strong>');
    expect(html).toContain('<li>art. 540</li>');
    expect(html).toContain('<em>inspección</em>');
    expect(html).toMatch(/aria-labelledby="md-legend md-prompt"/);
    expect(html).toContain('Pregunta 3');
    expect(html).not.toMatch(/<script|alert|onerror|javascript:/);
  });

  test('plain text stays text, in the legend, as before formats existed', async () => {
    const question = questionSchema.parse({
      id: 'pl',
      type: 'truefalse',
      prompt: 'El art. 5 < art. 7 y **esto** no es Markdown.',
      answer: true,
    });
    const html = clean(await render({ question: toPublicQuestion(question, { id: 'pl' }), number: 1, answer: null }));
    expect(html).toMatch(/<legend id="pl-legend">.*El art\. 5 &lt; art\. 7 y \*\*esto\*\* no es Markdown\.<\/legend>/s);
  });

  test('a description is text with no number and no field', async () => {
    const question = questionSchema.parse({ id: 'caso', type: 'description', format: 'html', prompt: '<p>Lea el <b>caso</b>.</p>' });
    const html = clean(await render({ question: toPublicQuestion(question, { id: 'caso' }), number: 0, answer: null }));
    expect(html).toContain('<p>Lea el <strong>caso</strong>.</p>');
    expect(html).not.toMatch(/<fieldset|<input|Pregunta/);
  });
});
