import { createHash } from 'node:crypto';
import type { Question, Quiz } from '../../content/quiz-schema.ts';
import { matchingChoices } from './grading.ts';

/** What one attempt shows, fixed at start: which questions, in which order, with options in which order. */
export interface AttemptLayout {
  questions: { id: string; optionOrder?: string[]; itemOrder?: number[]; choiceOrder?: string[] }[];
}

export type Random = () => number;

function shuffle<T>(items: T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** An ordering that is never the correct one, so the question is not answered before it is read. */
function scrambled(count: number, random: Random): number[] {
  const identity = [...Array(count).keys()];
  for (let tries = 0; tries < 10; tries++) {
    const order = shuffle(identity, random);
    if (order.some((v, i) => v !== i)) return order;
  }
  return [...identity.slice(1), 0];
}

/** Draws `count` questions from each pool and fixes the order of everything shown. */
export function drawAttempt(quiz: Quiz, random: Random = Math.random): AttemptLayout {
  const drawn: Question[] = quiz.draw.flatMap((d) => {
    const pool = quiz.pools.find((p) => p.id === d.pool);
    if (!pool) throw new Error(`quiz draws from unknown pool ${d.pool}`);
    return shuffle(pool.questions, random).slice(0, d.count);
  });
  const ordered = quiz.shuffleQuestions ? shuffle(drawn, random) : drawn;
  return {
    questions: ordered.map((q) => {
      if (q.type === 'single' || q.type === 'multiple') {
        const ids = q.options.map((o) => o.id);
        return { id: q.id, optionOrder: quiz.shuffleOptions ? shuffle(ids, random) : ids };
      }
      if (q.type === 'ordering') return { id: q.id, itemOrder: scrambled(q.items.length, random) };
      if (q.type === 'matching') {
        const ids = matchingChoices(q).map((c) => c.id);
        return { id: q.id, choiceOrder: shuffle(ids, random) };
      }
      return { id: q.id };
    }),
  };
}

/** The quiz version an attempt was taken on: a hash of its canonical JSON (DESIGN.md: grades never change with edits). */
export function quizVersionHash(quiz: Quiz): string {
  return createHash('sha256').update(canonicalJson(quiz)).digest('hex');
}

/** JSON with object keys sorted, so equal definitions read the same whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
