/**
 * Reads one GIFT question the way Moodle's own importer does: qformat_gift::readquestion in
 * moodle/moodle `question/format/gift/format.php`, step by step and in the same order, so a bank
 * that imports into Moodle means the same here (decision 022). The result keeps Moodle's shape
 * (qtype, fractions, per-text formats); gift-import.ts maps it to Aula's quiz schema.
 *
 * Where Moodle's code would store something it could not have meant (a numeric answer that is not
 * a number, a `}` before the `{`), this reader refuses the question with a reason instead.
 */

/** Escaped control characters live as private-use characters while the question is parsed. */
const ESCAPED: Record<string, string> = {
  ':': '\uE001',
  '#': '\uE002',
  '=': '\uE003',
  '{': '\uE004',
  '}': '\uE005',
  '~': '\uE006',
  n: '\uE007',
};
const UNESCAPED: Record<string, string> = {
  '\uE001': ':',
  '\uE002': '#',
  '\uE003': '=',
  '\uE004': '{',
  '\uE005': '}',
  '\uE006': '~',
  '\uE007': '\n',
};

/** Moodle's escapedchar_pre: `\\` is a backslash, `\: \# \= \{ \} \~` are characters, `\n` a new line. */
export function hideEscapes(text: string): string {
  return text.replace(/\\([\\:#={}~n])/g, (_, c: string) => (c === '\\' ? '\\' : (ESCAPED[c] as string)));
}

/** Moodle's escapedchar_post. */
export function restoreEscapes(text: string): string {
  return text.replace(/[\uE001-\uE007]/g, (c) => UNESCAPED[c] as string);
}

/** `%50%`, `%-100%`, `%33.3%` at the start of an answer (Moodle's $giftanswerweightregex). */
const WEIGHT = /^%-*([0-9]{1,2})\.?([0-9]*)%/;
/** What PHP's is_numeric accepts in a GIFT file: `12`, `-1.5`, `.5`, `1e3`, `2.5E-3`. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const FORMATS = new Set<GiftFormat>(['moodle', 'html', 'plain', 'markdown']);

/** Moodle's parse_text_with_format: an optional `[html]`-style prefix, then the text, unescaped. */
function withFormat(raw: string, fallback: GiftFormat): GiftText {
  let text = raw;
  let format = fallback;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    const name = text.slice(1, end) as GiftFormat;
    if (end > 0 && FORMATS.has(name)) {
      format = name;
      text = text.slice(end + 1);
    }
  }
  return { text: restoreEscapes(text).trim(), format };
}

/** Moodle's commentparser: `answer#feedback`, split at the first `#`. */
function withFeedback(raw: string, format: GiftFormat): [GiftText, GiftText] {
  const cut = raw.indexOf('#');
  if (cut < 0) return [withFormat(raw.trim(), format), { text: '', format }];
  return [withFormat(raw.slice(0, cut).trim(), format), withFormat(raw.slice(cut + 1).trim(), format)];
}

/** Moodle's answerweightparser: `%50%rest` → [0.5, 'rest']. */
function splitWeight(answer: string): [number, string] {
  const rest = answer.slice(1);
  const end = rest.indexOf('%');
  return [Number(rest.slice(0, end)) / 100, rest.slice(end + 1)];
}

/** Splits at `=` (or `~`) as Moodle's explode does, dropping an empty first piece. */
function pieces(text: string, separator: string): string[] {
  const parts = text.split(separator);
  if (parts.length > 0 && (parts[0] as string).trim() === '') parts.shift();
  return parts;
}

/** Reads the lines of one block (the file splits at blank lines); null when it holds only comments. */
export function parseGiftQuestion(lines: string[]): GiftBlock | null {
  // Comment lines are blanked, but `// [id:…]` and `// [tag:…]` in them are kept (Moodle 3.6+).
  let comments = '';
  const kept = lines.map((line) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('//')) return trimmed;
    comments += `${trimmed}\n`;
    return ' ';
  });
  let text = kept.join('\n').trim();
  if (text === '') return null;
  text = hideEscapes(text);

  if (text.startsWith('$CATEGORY:')) return { kind: 'category', path: restoreEscapes(text.slice(10)).trim() };

  let name: string | null = null;
  if (text.startsWith('::')) {
    text = text.slice(2);
    const end = text.indexOf('::');
    if (end >= 0) {
      name = restoreEscapes(text.slice(0, end))
        .replace(/<[^>]*>/g, '')
        .trim();
      text = text.slice(end + 2).trim();
    }
  }
  const { idNumber, tags } = readIdAndTags(comments);

  const start = text.indexOf('{');
  const finish = text.indexOf('}');
  const description = start < 0 && finish < 0;
  const fallbackName = () => name || defaultName(restoreEscapes(start < 0 ? text : text.slice(0, start)));
  if (!description && (start < 0 || finish < 0 || finish < start))
    return {
      kind: 'error',
      name: fallbackName(),
      message: 'las llaves { } de las respuestas no están parejas; escape con \\{ o \\} las que sean texto',
    };

  let answerText = description ? '' : text.slice(start + 1, finish).trim();
  // Text after the answers makes a missing-word question: the answers become a blank "_____".
  let questionText = text;
  if (!description) questionText = text.slice(0, start) + (text.endsWith('}') ? '' : '_____') + text.slice(finish + 1);

  let generalFeedback = '';
  const separator = answerText.lastIndexOf('####');
  if (separator >= 0) {
    generalFeedback = answerText.slice(separator + 4);
    answerText = answerText.slice(0, separator).trim();
  }

  const prompt = withFormat(questionText, 'moodle');
  const common: GiftCommon = {
    name: name || defaultName(prompt.text),
    named: Boolean(name),
    text: prompt,
    generalFeedback: withFormat(generalFeedback, prompt.format),
    idNumber,
    tags,
    notes: [],
  };
  const fail = (message: string): GiftBlock => ({ kind: 'error', name: common.name, message });
  const format = prompt.format;

  if (description) return { kind: 'question', question: { ...common, qtype: 'description' } };
  if (answerText === '') return { kind: 'question', question: { ...common, qtype: 'essay' } };

  if (answerText.startsWith('#')) return readNumerical(common, answerText.slice(1), format, fail);

  if (answerText.includes('~')) {
    // Only multiple choice has `~`; with no `=` (no answer worth 100 %) it takes several answers.
    const single = answerText.includes('=');
    const answers: GiftAnswer[] = [];
    for (const raw of pieces(answerText.replaceAll('=', '~='), '~')) {
      let answer = raw.trim();
      let fraction = 0;
      if (answer.startsWith('=')) {
        fraction = 1;
        answer = answer.slice(1);
        if (WEIGHT.test(answer.trim()))
          common.notes.push(
            `la respuesta «${restoreEscapes(answer.trim())}» empieza con = y un porcentaje: en opción múltiple el = ya vale 100 % (así la importa Moodle); escriba ~%…% para dar crédito parcial`,
          );
      } else if (WEIGHT.test(answer)) {
        [fraction, answer] = splitWeight(answer);
        if (!Number.isFinite(fraction)) return fail(`porcentaje no válido en «${restoreEscapes(raw.trim())}»`);
      }
      const [text, feedback] = withFeedback(answer, format);
      answers.push({ text, fraction, feedback });
    }
    if (answers.length < 2) return fail('una pregunta de opción múltiple necesita al menos dos respuestas');
    return { kind: 'question', question: { ...common, qtype: 'multichoice', single, answers } };
  }

  if (answerText.includes('=') && answerText.includes('->')) {
    const pairs: GiftMatch[] = [];
    for (const raw of pieces(answerText, '=')) {
      const answer = raw.trim();
      const arrow = answer.indexOf('->');
      if (arrow < 0) return fail(`cada par de emparejamiento se escribe «=pregunta -> respuesta»; falta -> en «${restoreEscapes(answer)}»`);
      pairs.push({ text: withFormat(answer.slice(0, arrow).trim(), format), answer: restoreEscapes(answer.slice(arrow + 2)).trim() });
    }
    if (pairs.length < 2) return fail('una pregunta de emparejamiento necesita al menos dos pares');
    return { kind: 'question', question: { ...common, qtype: 'match', pairs } };
  }

  const hash = answerText.indexOf('#');
  const key = hash > 0 ? answerText.slice(0, hash).trim() : answerText;
  if (['T', 'TRUE', 'F', 'FALSE'].includes(key)) {
    // {T#a#b}: the first # is the feedback for a wrong answer, the second for a right one.
    const [, wrong = '', right = ''] = splitLimit(answerText, '#', 3);
    const correct = key.startsWith('T');
    const wrongFeedback = withFormat(wrong.trim(), format);
    const rightFeedback = withFormat(right.trim(), format);
    return {
      kind: 'question',
      question: {
        ...common,
        qtype: 'truefalse',
        correct,
        feedbackTrue: correct ? rightFeedback : wrongFeedback,
        feedbackFalse: correct ? wrongFeedback : rightFeedback,
      },
    };
  }
  if (/^(t|f|true|false|verdadero|falso|v)$/i.test(key))
    common.notes.push(
      `«${key}» se importó como respuesta corta, como hace Moodle: verdadero/falso se escribe {T}, {TRUE}, {F} o {FALSE}, en mayúsculas`,
    );

  const answers: GiftAnswer[] = [];
  for (const raw of pieces(answerText, '=')) {
    let answer = raw.trim();
    let fraction = 1;
    if (WEIGHT.test(answer)) [fraction, answer] = splitWeight(answer);
    if (!Number.isFinite(fraction)) return fail(`porcentaje no válido en «${restoreEscapes(raw.trim())}»`);
    const [text, feedback] = withFeedback(answer, format);
    answers.push({ text, fraction, feedback });
  }
  if (answers.length < 1) return fail('una pregunta de respuesta corta necesita al menos una respuesta');
  return { kind: 'question', question: { ...common, qtype: 'shortanswer', answers } };
}

function readNumerical(common: GiftCommon, body: string, format: GiftFormat, fail: (message: string) => GiftBlock): GiftBlock {
  let answerText = body;
  // `~#feedback` after the answers: Moodle adds a `*` answer worth 0 % with it, for any other number.
  let otherwise: string | null = null;
  const tilde = answerText.indexOf('~');
  if (tilde >= 0) {
    otherwise = answerText.slice(tilde);
    answerText = answerText.slice(0, tilde);
  }
  const raws = pieces(answerText, '=');
  if (raws.length === 0) return fail('la pregunta numérica no tiene respuestas');
  const answers: GiftNumericAnswer[] = [];
  for (const raw of raws) {
    let answer = raw.trim();
    let fraction = 1;
    if (WEIGHT.test(answer)) [fraction, answer] = splitWeight(answer);
    if (!Number.isFinite(fraction)) return fail(`porcentaje no válido en «${restoreEscapes(raw.trim())}»`);
    const [text, feedback] = withFeedback(answer, format);
    const value = text.text;
    const range = value.indexOf('..');
    const colon = value.indexOf(':');
    const parts =
      range > 0 ? [value.slice(0, range), value.slice(range + 2)] : colon > 0 ? [value.slice(0, colon), value.slice(colon + 1)] : [value];
    const numbers = parts.map((p) => p.trim());
    const bad = numbers.find((n) => !NUMBER.test(n));
    if (bad !== undefined)
      return fail(
        `«${bad}» no es un número; una respuesta numérica se escribe 1822, 1822:2 (con margen) o 1821..1823 (intervalo), con punto decimal`,
      );
    const [a, b] = numbers.map(Number) as [number, number | undefined];
    const match = range > 0 ? { min: a, max: b as number } : { value: a, tolerance: b ?? 0 };
    answers.push({ match, fraction, feedback });
  }
  if (otherwise !== null) answers.push({ match: 'any', fraction: 0, feedback: withFeedback(otherwise, format)[1] });
  return { kind: 'question', question: { ...common, qtype: 'numerical', answers } };
}

/** PHP's explode with a limit: the last piece keeps the rest. */
function splitLimit(text: string, separator: string, limit: number): string[] {
  const parts = text.split(separator);
  return parts.length <= limit ? parts : [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(separator)];
}

/** Moodle names a question with no ::name:: after its first words (create_default_question_name). */
function defaultName(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 80 ? `${plain.slice(0, 77).trimEnd()}...` : plain;
}

/** `// [id:ABC-1]` and `// [tag:ley] [tag:art\]]` (qformat_default::extract_idnumber_and_tags_from_comment). */
function readIdAndTags(comments: string): { idNumber: string; tags: string[] } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Moodle's pattern excludes control characters
  const id = /\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]/.exec(comments);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: as above
  const tags = [...comments.matchAll(/\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]/g)].map((m) =>
    (m[1] as string).replace(/\\\]/g, ']').trim(),
  );
  return { idNumber: id ? (id[1] as string).replace(/\\\]/g, ']').trim() : '', tags: tags.filter(Boolean) };
}

/** Moodle's text formats; `moodle` (auto-format) is the default, plain text in which HTML still renders. */
export type GiftFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface GiftText {
  text: string;
  format: GiftFormat;
}

export interface GiftAnswer {
  text: GiftText;
  /** Moodle's fraction: the percentage / 100. */
  fraction: number;
  feedback: GiftText;
}

export interface GiftMatch {
  text: GiftText;
  answer: string;
}

export interface GiftNumericAnswer {
  /** `any` is Moodle's `*` answer, made from `~#feedback`. */
  match: { value: number; tolerance: number } | { min: number; max: number } | 'any';
  fraction: number;
  feedback: GiftText;
}

interface GiftCommon {
  name: string;
  /** Whether the name came from `::name::` rather than the first words. */
  named: boolean;
  text: GiftText;
  generalFeedback: GiftText;
  idNumber: string;
  tags: string[];
  /** Read as Moodle reads it, but probably not what the author meant. */
  notes: string[];
}

export type GiftQuestion = GiftCommon &
  (
    | { qtype: 'description' | 'essay' }
    | { qtype: 'multichoice'; single: boolean; answers: GiftAnswer[] }
    | { qtype: 'match'; pairs: GiftMatch[] }
    | { qtype: 'truefalse'; correct: boolean; feedbackTrue: GiftText; feedbackFalse: GiftText }
    | { qtype: 'shortanswer'; answers: GiftAnswer[] }
    | { qtype: 'numerical'; answers: GiftNumericAnswer[] }
  );

export type GiftBlock =
  | { kind: 'category'; path: string }
  | { kind: 'question'; question: GiftQuestion }
  | { kind: 'error'; name: string; message: string };
