import type { AttemptRecord } from './attempts.ts';
import { type PublicQuestion, type PublicResponse, toPublicQuestion } from './public-view.ts';

/**
 * Reads an attempt's answers from its HTML form, the same for a full-page POST (no JavaScript)
 * and for autosave. Field names: `q.<id>` for single, multiple, true/false, numeric, short and
 * essay; `q.<id>.<leftId>` for matching; `q.<id>.<itemId>` (a position, 1…n) for ordering.
 */
export function answersFromForm(questions: PublicQuestion[], form: FormData): Record<string, PublicResponse> {
  const answers: Record<string, PublicResponse> = {};
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : null;
  };
  for (const q of questions) {
    const name = `q.${q.id}`;
    switch (q.type) {
      case 'single':
        answers[q.id] = { type: 'single', choice: value(name) };
        break;
      case 'multiple':
        answers[q.id] = { type: 'multiple', choices: form.getAll(name).filter((v): v is string => typeof v === 'string') };
        break;
      case 'truefalse': {
        const v = value(name);
        answers[q.id] = { type: 'truefalse', value: v === 'true' ? true : v === 'false' ? false : null };
        break;
      }
      case 'matching':
        answers[q.id] = { type: 'matching', matches: Object.fromEntries(q.left.map((l) => [l.id, value(`${name}.${l.id}`) || null])) };
        break;
      case 'ordering': {
        // Each item gets a position; items are ordered by it. Missing or repeated positions keep
        // the answer incomplete (graded as such) rather than guessing.
        const positions = q.items.map((item) => ({ id: item.id, position: Number(value(`${name}.${item.id}`)) }));
        const complete =
          positions.every((p) => Number.isInteger(p.position) && p.position >= 1) &&
          new Set(positions.map((p) => p.position)).size === positions.length;
        answers[q.id] = { type: 'ordering', order: complete ? positions.sort((a, b) => a.position - b.position).map((p) => p.id) : [] };
        break;
      }
      case 'numeric':
        answers[q.id] = { type: 'numeric', value: parseNumber(value(name)) };
        break;
      case 'short':
      case 'essay':
        answers[q.id] = { type: q.type, text: (value(name) ?? '').slice(0, 20_000) };
        break;
    }
  }
  return answers;
}

/**
 * Numbers as people in Mexico type them: "2,000", "2 000", "1,234.5" and "0.5" all read right;
 * a lone comma before one or two digits is a decimal comma ("2,5").
 */
export function parseNumber(raw: string | null): number | null {
  if (raw === null) return null;
  let s = raw.trim().replace(/\s/g, '');
  if (s === '') return null;
  if (/^-?\d+,\d{1,2}$/.test(s)) s = s.replace(',', '.');
  else s = s.replace(/,/g, '');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** An attempt's answers from its posted form, read against the questions that attempt shows. */
export function attemptAnswersFromForm(attempt: Pick<AttemptRecord, 'quiz' | 'layout'>, form: FormData): Record<string, PublicResponse> {
  const questions = new Map(attempt.quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const shown = attempt.layout.questions.flatMap((slot) => {
    const question = questions.get(slot.id);
    return question ? [toPublicQuestion(question, slot)] : [];
  });
  return answersFromForm(shown, form);
}
