import { parse as parseGift } from 'gift-pegjs';
import type { QuestionInput as Question } from '../../content/quiz-schema.ts';
import { foldForSearch } from '../../text.ts';

/**
 * Converts Moodle GIFT questions into Aula's quiz format. The file is split into blocks (GIFT
 * separates questions with blank lines) and each block is parsed on its own, so one bad question
 * is reported with its line and the rest still convert. `$CATEGORY:` lines become pools.
 */

export interface GiftProblem {
  line: number;
  message: string;
}

export interface GiftImport {
  pools: { id: string; title: string; questions: Question[] }[];
  problems: GiftProblem[];
  notes: GiftProblem[];
}

interface GiftText {
  format: string;
  text: string;
}
interface GiftChoice {
  isCorrect: boolean;
  weight: number | null;
  text: GiftText;
  feedback: GiftText | null;
}
type GiftQuestion =
  | {
      type: 'MC' | 'Short';
      title: string | null;
      stem: GiftText;
      hasEmbeddedAnswers: boolean;
      globalFeedback: GiftText | null;
      choices: GiftChoice[];
    }
  | {
      type: 'TF';
      title: string | null;
      stem: GiftText;
      globalFeedback: GiftText | null;
      isTrue: boolean;
      trueFeedback: GiftText | null;
      falseFeedback: GiftText | null;
    }
  | {
      type: 'Matching';
      title: string | null;
      stem: GiftText;
      globalFeedback: GiftText | null;
      matchPairs: { subquestion: GiftText; subanswer: string }[];
    }
  | {
      type: 'Numerical';
      title: string | null;
      stem: GiftText;
      globalFeedback: GiftText | null;
      choices: NumericChoice | { isCorrect: boolean; weight: number | null; text: NumericChoice; feedback: GiftText | null }[];
    }
  | { type: 'Essay'; title: string | null; stem: GiftText; globalFeedback: GiftText | null }
  | { type: 'Description' | 'Category'; title?: string | null; stem?: GiftText; globalFeedback?: GiftText | null };
type NumericChoice =
  | { type: 'simple'; number: number }
  | { type: 'range'; number: number; range: number }
  | { type: 'high-low'; numberHigh: number; numberLow: number };

function plain(t: GiftText | null | undefined): string {
  if (!t) return '';
  const text = t.format === 'html' ? t.text.replace(/<[^>]+>/g, ' ') : t.text;
  return text.replace(/\s+/g, ' ').trim();
}

function slug(value: string): string {
  return foldForSearch(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
}

/** Blocks of non-blank lines, with the line each starts on; comments and categories kept apart. */
function blocks(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let current: string[] = [];
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      if (current.length) out.push({ line: start, text: current.join('\n') });
      current = [];
      return;
    }
    if (current.length === 0) start = index + 1;
    current.push(line);
  });
  if (current.length) out.push({ line: start, text: current.join('\n') });
  return out;
}

function convert(q: GiftQuestion, id: string, line: number, notes: GiftProblem[]): Question | string {
  const base = { id, prompt: plain(q.stem), points: 1, feedback: plain(q.globalFeedback) || undefined };
  if (base.prompt.length < 10) return 'el enunciado tiene menos de 10 caracteres';
  switch (q.type) {
    case 'TF':
      return {
        ...base,
        type: 'truefalse',
        answer: q.isTrue,
        feedbackTrue: plain(q.trueFeedback) || undefined,
        feedbackFalse: plain(q.falseFeedback) || undefined,
      };
    case 'MC': {
      const options = q.choices.map((c, i) => ({
        id: String.fromCharCode(97 + i),
        text: plain(c.text),
        feedback: plain(c.feedback) || undefined,
        c,
      }));
      const weighted = q.choices.some((c) => c.weight !== null);
      if (!weighted) {
        if (q.choices.filter((c) => c.isCorrect).length !== 1)
          return 'una pregunta de opción múltiple sin porcentajes debe tener exactamente una respuesta correcta (=)';
        return { ...base, type: 'single', options: options.map(({ c, ...o }) => ({ ...o, correct: c.isCorrect })) };
      }
      // Aula's multiple response gives each right option an equal share and subtracts wrong ones.
      const positive = q.choices.filter((c) => (c.weight ?? 0) > 0).map((c) => c.weight ?? 0);
      if (positive.length === 0) return 'ninguna opción tiene porcentaje positivo';
      if (new Set(positive).size > 1 || Math.abs(positive.reduce((a, b) => a + b, 0) - 100) > 0.5) {
        return `porcentajes distintos entre opciones correctas (${positive.join(', ')} %): Aula reparte el puntaje por igual; ajústelos o conviértala a mano`;
      }
      return { ...base, type: 'multiple', options: options.map(({ c, ...o }) => ({ ...o, correct: (c.weight ?? 0) > 0 })) };
    }
    case 'Short': {
      const answers = q.choices.filter((c) => c.isCorrect || c.weight === 100).map((c) => plain(c.text));
      if (q.choices.some((c) => c.weight !== null && c.weight !== 100 && c.weight !== 0))
        return 'respuestas cortas con crédito parcial (%): Aula acepta cada respuesta como correcta o no';
      if (answers.length === 0) return 'la pregunta de respuesta corta no tiene respuestas correctas';
      return { ...base, type: 'short', answers };
    }
    case 'Matching': {
      const pairs = q.matchPairs
        .filter((p) => plain(p.subquestion))
        .map((p) => ({ left: plain(p.subquestion), right: p.subanswer.trim() }));
      const distractors = q.matchPairs.filter((p) => !plain(p.subquestion)).map((p) => p.subanswer.trim());
      if (pairs.length < 2) return 'una pregunta de emparejamiento necesita al menos dos pares';
      return { ...base, type: 'matching', pairs, distractors };
    }
    case 'Numerical': {
      const choices = Array.isArray(q.choices) ? q.choices.filter((c) => c.isCorrect || c.weight === 100).map((c) => c.text) : [q.choices];
      if (choices.length !== 1) return 'respuestas numéricas múltiples o con crédito parcial: Aula acepta un valor con tolerancia';
      const c = choices[0] as NumericChoice;
      if (c.type === 'simple') return { ...base, type: 'numeric', answer: c.number, tolerance: 0 };
      if (c.type === 'range') return { ...base, type: 'numeric', answer: c.number, tolerance: c.range };
      return { ...base, type: 'numeric', answer: (c.numberHigh + c.numberLow) / 2, tolerance: (c.numberHigh - c.numberLow) / 2 };
    }
    case 'Essay':
      notes.push({ line, message: 'ensayo importado con una rúbrica genérica de un criterio: complete la rúbrica antes de usarlo' });
      return {
        ...base,
        type: 'essay',
        minWords: 0,
        rubric: [
          {
            criterion: 'Calificación global',
            levels: [
              { points: 0, description: 'No cumple' },
              { points: 1, description: 'Cumple' },
            ],
          },
        ],
      };
    default:
      return `tipo de pregunta GIFT no compatible: ${q.type}`;
  }
}

export function importGift(text: string): GiftImport {
  const pools = new Map<string, { id: string; title: string; questions: Question[] }>();
  let pool = { id: 'importadas', title: 'Preguntas importadas', questions: [] as Question[] };
  const problems: GiftProblem[] = [];
  const notes: GiftProblem[] = [];
  const usedIds = new Set<string>();
  for (const block of blocks(text)) {
    const body = block.text
      .split('\n')
      .filter((l) => !l.trimStart().startsWith('//'))
      .join('\n');
    if (!body.trim()) continue;
    const category = /^\$CATEGORY:\s*(.+)$/m.exec(body);
    if (category) {
      const title = (category[1] ?? '').split('/').pop()?.trim() || 'Preguntas importadas';
      pool = pools.get(slug(title)) ?? { id: slug(title) || 'importadas', title, questions: [] };
      pools.set(pool.id, pool);
      if (body.replace(category[0], '').trim() === '') continue;
    }
    let parsed: GiftQuestion[];
    try {
      parsed = parseGift(`${body.replace(/^\$CATEGORY:.*$/m, '')}\n`) as GiftQuestion[];
    } catch (error) {
      const e = error as { message?: string; location?: { start?: { line?: number } } };
      const lastLine = block.line + block.text.split('\n').length - 1;
      const line = Math.min(block.line + (e.location?.start?.line ?? 1) - 1, lastLine);
      problems.push({
        line,
        message: `no se pudo leer la pregunta; revise que cierre las llaves y escape con \\ los caracteres ~ = # { } : (detalle: ${e.message ?? String(error)})`,
      });
      continue;
    }
    for (const q of parsed) {
      if (q.type === 'Category') continue;
      const title = 'title' in q && q.title ? q.title : '';
      let id = slug(title) || `p-${block.line}`;
      while (usedIds.has(id)) id = `${id}-${block.line}`;
      const result = convert(q, id, block.line, notes);
      if (typeof result === 'string') {
        problems.push({ line: block.line, message: result });
        continue;
      }
      usedIds.add(id);
      if (!pools.has(pool.id)) pools.set(pool.id, pool);
      pool.questions.push(result);
    }
  }
  return { pools: [...pools.values()].filter((p) => p.questions.length > 0), problems, notes };
}
