import { z } from 'astro/zod';
import type { Quiz } from '../../content/quiz-schema.ts';
import { DomainError } from '../errors.ts';
import { type AttemptLayout, drawAttempt, type Random } from './draw.ts';
import { attemptTotal, gradeResponse, matchingChoices, type Response } from './grading.ts';
import { attemptAnswersFromForm } from './form.ts';
import { fromPublicResponse, type PublicResponse } from './public-view.ts';

/**
 * "Ver como participante": the staff take a quiz as a learner would, and nothing is written.
 * The questions are drawn the way an attempt draws them; the draw travels in the page's form
 * (the staff see the keys anyway, so it hides nothing) and comes back checked against the quiz,
 * and the answers are graded on the server by the same rules as a real attempt.
 */
export function drawPreview(quiz: Quiz, random?: Random): AttemptLayout {
  return drawAttempt(quiz, random);
}

const layoutSchema = z.object({
  questions: z
    .array(
      z.object({
        id: z.string(),
        optionOrder: z.array(z.string()).optional(),
        itemOrder: z.array(z.number().int()).optional(),
        choiceOrder: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .max(200),
});

/**
 * The draw posted back by the preview form, or a DomainError when it does not fit the quiz: an
 * unknown or repeated question, or an order that is not a permutation of the question's own choices.
 */
export function readPreviewLayout(quiz: Quiz, raw: unknown): AttemptLayout {
  let parsed: AttemptLayout;
  try {
    parsed = layoutSchema.parse(JSON.parse(String(raw)));
  } catch {
    throw new DomainError('quiz.preview.invalid', {}, 'invalid');
  }
  const questions = new Map(quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const seen = new Set<string>();
  const samePermutation = (order: readonly (string | number)[] | undefined, own: readonly (string | number)[]) =>
    order === undefined || (order.length === own.length && new Set(order).size === own.length && order.every((x) => own.includes(x)));
  for (const slot of parsed.questions) {
    const question = questions.get(slot.id);
    const fits =
      question !== undefined &&
      !seen.has(slot.id) &&
      samePermutation(
        slot.optionOrder,
        question.type === 'single' || question.type === 'multiple' ? question.options.map((o) => o.id) : [],
      ) &&
      samePermutation(slot.itemOrder, question.type === 'ordering' ? question.items.map((_item, i) => i) : []) &&
      samePermutation(slot.choiceOrder, question.type === 'matching' ? matchingChoices(question).map((c) => c.id) : []);
    if (!fits) throw new DomainError('quiz.preview.invalid', {}, 'invalid');
    seen.add(slot.id);
  }
  return parsed;
}

/** Grades a preview's answers in memory; essays stay ungraded, as they wait for an instructor. */
export function gradePreview(quiz: Quiz, layout: AttemptLayout, answers: Record<string, PublicResponse>): PreviewGrade {
  const questions = new Map(quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const responses: PreviewGrade['responses'] = {};
  const scores: number[] = [];
  let maxScore = 0;
  let pending = false;
  for (const slot of layout.questions) {
    const question = questions.get(slot.id);
    // A description takes no answer and is never graded, as in an attempt.
    if (!question || question.type === 'description') continue;
    const response = fromPublicResponse(question, slot, answers[slot.id] ?? null);
    const grade = gradeResponse(question, response);
    maxScore += question.points;
    if (grade.score === null) pending = true;
    else scores.push(grade.score);
    responses[slot.id] = { response, score: grade.score, fraction: grade.fraction };
  }
  return { score: attemptTotal(scores), maxScore, pending, responses };
}

/** The preview form as posted: its draw, checked against the quiz, and its answers graded. */
export function gradePreviewForm(quiz: Quiz, form: FormData): PreviewGrade & { layout: AttemptLayout } {
  const layout = readPreviewLayout(quiz, form.get('layout'));
  return { layout, ...gradePreview(quiz, layout, attemptAnswersFromForm({ quiz, layout }, form)) };
}

export interface PreviewGrade {
  /** Points of the auto-graded questions (essays not counted). */
  score: number;
  maxScore: number;
  /** An essay was drawn: a learner's attempt would wait for an instructor. */
  pending: boolean;
  responses: Record<string, { response: Response | null; score: number | null; fraction: number | null }>;
}
