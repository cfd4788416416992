import type { Question } from '../../content/quiz-schema.ts';
import type { AttemptLayout } from './draw.ts';
import { matchingChoices, type Response } from './grading.ts';

/**
 * What the browser may see of a question before grading: the prompt and the choices in the
 * attempt's order, and nothing that reveals the key. Choices get positional ids ("o0", "c1",
 * "p2") valid only for this attempt, so not even an author's option ids ("a" always right) or an
 * ordering's stored sequence can leak it. `fromPublicResponse` maps answers back on the server.
 */
export type PublicQuestion = PublicQuestionBody & {
  /** How the prompt and the choices are written (plain when absent); the page renders them (question-text.ts). */
  format?: Question['format'];
};
type PublicQuestionBody =
  | { id: string; type: 'single' | 'multiple'; prompt: string; points: number; options: { id: string; text: string }[] }
  | { id: string; type: 'truefalse'; prompt: string; points: number }
  | {
      id: string;
      type: 'matching';
      prompt: string;
      points: number;
      left: { id: string; text: string }[];
      choices: { id: string; text: string }[];
    }
  | { id: string; type: 'ordering'; prompt: string; points: number; items: { id: string; text: string }[] }
  | { id: string; type: 'numeric'; prompt: string; points: number; unit?: string }
  | { id: string; type: 'short'; prompt: string; points: number }
  | { id: string; type: 'essay'; prompt: string; points: number; minWords: number }
  /** Text with no answer: nothing to fill in. */
  | { id: string; type: 'description'; prompt: string; points: number };

/** An answer as the browser sends it, in the positional ids of `PublicQuestion`. */
export type PublicResponse =
  | { type: 'single'; choice: string | null }
  | { type: 'multiple'; choices: string[] }
  | { type: 'truefalse'; value: boolean | null }
  | { type: 'matching'; matches: Record<string, string | null> }
  | { type: 'ordering'; order: string[] }
  | { type: 'numeric'; value: number | null }
  | { type: 'short'; text: string }
  | { type: 'essay'; text: string };

export type Slot = AttemptLayout['questions'][number];

export function optionOrder(question: Extract<Question, { type: 'single' | 'multiple' }>, slot: Slot): string[] {
  return slot.optionOrder ?? question.options.map((o) => o.id);
}
export function choiceOrder(question: Extract<Question, { type: 'matching' }>, slot: Slot): string[] {
  return slot.choiceOrder ?? matchingChoices(question).map((c) => c.id);
}
export function itemOrder(question: Extract<Question, { type: 'ordering' }>, slot: Slot): number[] {
  return slot.itemOrder ?? question.items.map((_item, i) => i);
}

export function toPublicQuestion(question: Question, slot: Slot): PublicQuestion {
  return { ...publicBody(question, slot), format: question.format };
}

function publicBody(question: Question, slot: Slot): PublicQuestionBody {
  const { id, prompt, points } = question;
  switch (question.type) {
    case 'single':
    case 'multiple': {
      const text = new Map(question.options.map((o) => [o.id, o.text]));
      return {
        id,
        type: question.type,
        prompt,
        points,
        options: optionOrder(question, slot).map((o, i) => ({ id: `o${i}`, text: text.get(o) ?? '' })),
      };
    }
    case 'truefalse':
      return { id, type: 'truefalse', prompt, points };
    case 'matching': {
      const text = new Map(matchingChoices(question).map((c) => [c.id, c.text]));
      return {
        id,
        type: 'matching',
        prompt,
        points,
        left: question.pairs.map((p, i) => ({ id: `l${i}`, text: p.left })),
        choices: choiceOrder(question, slot).map((c, i) => ({ id: `c${i}`, text: text.get(c) ?? '' })),
      };
    }
    case 'ordering':
      return {
        id,
        type: 'ordering',
        prompt,
        points,
        items: itemOrder(question, slot).map((index, i) => ({ id: `p${i}`, text: question.items[index] ?? '' })),
      };
    case 'numeric':
      return { id, type: 'numeric', prompt, points, unit: question.unit };
    case 'short':
      return { id, type: 'short', prompt, points };
    case 'essay':
      return { id, type: 'essay', prompt, points, minWords: question.minWords };
    case 'description':
      return { id, type: 'description', prompt, points: 0 };
  }
}

const position = (publicId: string | null | undefined, prefix: string): number => {
  const match = publicId ? new RegExp(`^${prefix}(\\d+)$`).exec(publicId) : null;
  return match ? Number(match[1]) : -1;
};

/** Maps a browser answer back to the question's own ids; anything malformed becomes no answer. */
export function fromPublicResponse(question: Question, slot: Slot, response: PublicResponse | null): Response | null {
  if (question.type === 'description' || !response || response.type !== question.type) return null;
  switch (question.type) {
    case 'single': {
      const order = optionOrder(question, slot);
      return { type: 'single', optionId: order[position((response as Extract<PublicResponse, { type: 'single' }>).choice, 'o')] ?? null };
    }
    case 'multiple': {
      const order = optionOrder(question, slot);
      const ids = (response as Extract<PublicResponse, { type: 'multiple' }>).choices
        .map((c) => order[position(c, 'o')])
        .filter((x): x is string => Boolean(x));
      return { type: 'multiple', optionIds: [...new Set(ids)] };
    }
    case 'matching': {
      const order = choiceOrder(question, slot);
      const matches: Record<string, string | null> = {};
      for (const [left, choice] of Object.entries((response as Extract<PublicResponse, { type: 'matching' }>).matches)) {
        const l = position(left, 'l');
        if (l >= 0 && l < question.pairs.length) matches[String(l)] = order[position(choice, 'c')] ?? null;
      }
      return { type: 'matching', matches };
    }
    case 'ordering': {
      const shown = itemOrder(question, slot);
      const order = (response as Extract<PublicResponse, { type: 'ordering' }>).order.map((p) => shown[position(p, 'p')]);
      return order.every((x): x is number => x !== undefined) && new Set(order).size === order.length ? { type: 'ordering', order } : null;
    }
    default:
      return response as Response;
  }
}

/** The saved answer in this attempt's public ids, to fill the form in again after a reload. */
export function toPublicResponse(question: Question, slot: Slot, response: Response | null): PublicResponse | null {
  if (!response || response.type !== question.type) return null;
  switch (question.type) {
    case 'single': {
      const i = optionOrder(question, slot).indexOf((response as Extract<Response, { type: 'single' }>).optionId ?? '');
      return { type: 'single', choice: i >= 0 ? `o${i}` : null };
    }
    case 'multiple': {
      const order = optionOrder(question, slot);
      return {
        type: 'multiple',
        choices: (response as Extract<Response, { type: 'multiple' }>).optionIds
          .map((id) => `o${order.indexOf(id)}`)
          .filter((c) => c !== 'o-1'),
      };
    }
    case 'matching': {
      const order = choiceOrder(question, slot);
      const matches = (response as Extract<Response, { type: 'matching' }>).matches;
      return {
        type: 'matching',
        matches: Object.fromEntries(
          Object.entries(matches).map(([l, c]) => [`l${l}`, c && order.includes(c) ? `c${order.indexOf(c)}` : null]),
        ),
      };
    }
    case 'ordering': {
      const shown = itemOrder(question, slot);
      return {
        type: 'ordering',
        order: (response as Extract<Response, { type: 'ordering' }>).order.map((index) => `p${shown.indexOf(index)}`),
      };
    }
    default:
      return response as PublicResponse;
  }
}
