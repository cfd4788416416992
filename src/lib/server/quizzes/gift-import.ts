import { questionSchema } from '../../content/quiz-schema.ts';
import {
  type BankImport,
  categoryTitle,
  decodeBankText,
  type ImportIssue,
  placeholderRubric,
  type QuestionInput,
  slugify,
  uniqueId,
} from './bank-import.ts';
import { type GiftQuestion, type GiftText, hideEscapes, parseGiftQuestion } from './gift-parser.ts';
import { type AulaFormat, dropEmbeddedFiles, htmlToText, inFormat, isHtml, questionFormat } from './gift-text.ts';

/**
 * Converts a Moodle GIFT file into Aula's quiz format, question by question, with Moodle's own
 * reading of each (gift-parser.ts, decision 022). The file splits at blank lines as Moodle splits
 * it; a question that cannot be converted is reported with its line and name and the rest still
 * convert. `$CATEGORY:` lines start a pool titled with the category's whole path.
 */
export function importGift(input: string | Uint8Array): BankImport {
  const decoded = decodeBankText(input);
  const bank: BankImport = { pools: [], problems: [], notes: [...decoded.notes], questionCount: 0, assets: [] };
  const usedQuestionIds = new Set<string>();
  const usedPoolIds = new Set<string>();
  let pool: BankImport['pools'][number] | null = null;
  const currentPool = () => {
    if (!pool) {
      pool = { id: uniqueId('importadas', usedPoolIds), title: 'Preguntas importadas', questions: [] };
      bank.pools.push(pool);
    }
    return pool;
  };

  for (const block of splitBlocks(decoded.text)) {
    let lines = block.lines;
    let line = block.line + lines.findIndex((l) => !l.trim().startsWith('//'));
    const first = lines.find((l) => !l.trim().startsWith('//'))?.trim() ?? '';
    if (first.startsWith('$CATEGORY:')) {
      // Moodle would swallow a question written right under the category into its name; Aula
      // reads the category from its own line and the question after it, and says so.
      const at = lines.findIndex((l) => l.trim().startsWith('$CATEGORY:'));
      const path = first.slice(10).trim();
      const title = categoryTitle(path);
      // A category named again later is the same category, as in Moodle.
      pool = bank.pools.find((p) => p.title === title) ?? null;
      if (!pool) {
        pool = { id: uniqueId(slugify(title, 64) || 'categoria', usedPoolIds), title, questions: [] };
        bank.pools.push(pool);
      }
      lines = lines.slice(at + 1);
      if (!lines.some((l) => l.trim() !== '' && !l.trim().startsWith('//'))) continue;
      line = block.line + at + 1 + lines.findIndex((l) => !l.trim().startsWith('//'));
      bank.notes.push({
        line,
        message:
          'falta una línea en blanco después de $CATEGORY (Moodle tomaría la pregunta como parte del nombre de la categoría); se importó como pregunta',
      });
    }

    const glued = questionsInBlock(lines);
    if (glued > 1) {
      bank.questionCount += glued;
      bank.problems.push({
        line,
        question: firstWords(lines),
        message: `parecen ${glued} preguntas sin una línea en blanco entre ellas; sepárelas con una línea en blanco`,
      });
      continue;
    }

    const parsed = parseGiftQuestion(lines);
    if (parsed === null || parsed.kind === 'category') continue;
    bank.questionCount += 1;
    if (parsed.kind === 'error') {
      bank.problems.push({ line, question: parsed.name, message: parsed.message });
      continue;
    }
    const q = parsed.question;
    const notes: string[] = [...q.notes];
    const id = uniqueId(slugify(q.name) || `pregunta-${line}`, usedQuestionIds);
    const converted = toAula(q, id, notes);
    const reason = typeof converted === 'string' ? converted : schemaProblem(converted);
    if (reason !== null || typeof converted === 'string') {
      usedQuestionIds.delete(id);
      bank.problems.push({ line, question: q.name, message: reason ?? '' });
      continue;
    }
    currentPool().questions.push(converted);
    for (const message of notes) bank.notes.push({ line, question: q.name, message });
  }
  return bank;
}

/** What the quiz schema finds wrong with a converted question, in its Spanish words; null when nothing. */
function schemaProblem(question: QuestionInput): string | null {
  const checked = questionSchema.safeParse(question);
  if (checked.success) return null;
  return checked.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Blocks of non-blank lines with the line each starts on (Moodle's readquestions). */
function splitBlocks(text: string): { line: number; lines: string[] }[] {
  const out: { line: number; lines: string[] }[] = [];
  let current: string[] = [];
  let start = 0;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    if (raw.trim() === '') {
      if (current.length) out.push({ line: start, lines: current });
      current = [];
      return;
    }
    if (current.length === 0) start = index + 1;
    current.push(raw);
  });
  if (current.length) out.push({ line: start, lines: current });
  return out;
}

/**
 * How many questions a block seems to hold: its answer sets `{…}`, or its `::name::` lines (plus
 * the text before the first). Moodle would read two glued questions as one, mangled.
 */
function questionsInBlock(lines: string[]): number {
  const content = lines.filter((l) => !l.trim().startsWith('//')).map((l) => hideEscapes(l.trim()));
  const braces = content.join('\n').split('{').length - 1;
  const names = content.slice(1).filter((l) => /^::.*?::/.test(l)).length;
  return Math.max(braces, names + 1, 1);
}

/** The first question's `::name::`, or the block's first words. */
function firstWords(lines: string[]): string {
  const named = /^\s*::(.*?)::/.exec(lines.find((l) => !l.trim().startsWith('//')) ?? '');
  if (named?.[1]?.trim()) return named[1].trim();
  const text = lines
    .filter((l) => !l.trim().startsWith('//'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';
const optionId = (i: number) => letters[i] ?? `o${i + 1}`;

/** Maps one question read the Moodle way to Aula's schema; a string is the reason it cannot be. */
function toAula(q: GiftQuestion, id: string, notes: string[]): QuestionInput | string {
  const parts = textsOf(q);
  const format = questionFormat(q.text, parts);
  let lossy = false;
  const files: string[] = [];
  /** A text in the question's format, images that cannot travel removed; '' when empty. */
  const render = (part: GiftText): string => {
    const converted = inFormat(part, format);
    lossy ||= converted.lossy;
    const dropped = dropEmbeddedFiles(converted.text);
    files.push(...dropped.files);
    return dropped.text.trim();
  };
  /** Aula asks feedback of at least 3 characters; a shorter one ("Sí") is left out, with a note. */
  const feedbackOf = (part: GiftText): string | undefined => {
    const text = render(part);
    if (text.length === 0) return undefined;
    if (text.length < 3) {
      notes.push(`la retroalimentación «${text}» es muy corta para Aula (mínimo 3 caracteres) y se omitió`);
      return undefined;
    }
    return text;
  };

  const base = {
    id,
    prompt: render(q.text),
    ...(format === 'plain' ? {} : { format }),
    ...(q.generalFeedback.text ? { feedback: feedbackOf(q.generalFeedback) } : {}),
    ...(q.tags.length ? { tags: q.tags } : {}),
    ...(q.idNumber ? { idNumber: q.idNumber } : {}),
  };
  const result = ((): QuestionInput | string => {
    switch (q.qtype) {
      case 'description':
        return { ...base, type: 'description' };
      case 'essay':
        notes.push('ensayo importado con una rúbrica genérica de un criterio: escriba la rúbrica antes de usarlo');
        return { ...base, type: 'essay', minWords: 0, rubric: placeholderRubric() };
      case 'truefalse':
        return {
          ...base,
          type: 'truefalse',
          answer: q.correct,
          feedbackTrue: feedbackOf(q.feedbackTrue),
          feedbackFalse: feedbackOf(q.feedbackFalse),
        };
      case 'multichoice': {
        // Moodle skips blank answers when it saves the question.
        const answers = q.answers.filter((a) => a.text.text !== '');
        if (answers.length < 2) return 'una pregunta de opción múltiple necesita al menos dos respuestas con texto';
        if (q.single) {
          return {
            ...base,
            type: 'single',
            options: answers.map((a, i) => ({
              id: optionId(i),
              text: render(a.text),
              correct: a.fraction === 1,
              ...(a.fraction !== 1 && a.fraction !== 0 ? { fraction: a.fraction } : {}),
              feedback: feedbackOf(a.feedback),
            })),
          };
        }
        return {
          ...base,
          type: 'multiple',
          grading: 'weighted',
          options: answers.map((a, i) => ({
            id: optionId(i),
            text: render(a.text),
            correct: a.fraction > 0,
            fraction: moodleGrade(a.fraction),
            feedback: feedbackOf(a.feedback),
          })),
        };
      }
      case 'match': {
        const answerText = (answer: string) => (format === 'html' ? htmlToText(answer) : answer);
        return {
          ...base,
          type: 'matching',
          pairs: q.pairs.filter((p) => p.text.text !== '').map((p) => ({ left: render(p.text), right: answerText(p.answer) })),
          distractors: q.pairs.filter((p) => p.text.text === '').map((p) => answerText(p.answer)),
        };
      }
      case 'shortanswer': {
        if (q.answers.some((a) => a.text.text.includes('*')))
          notes.push('una respuesta lleva *: es un comodín que acepta cualquier texto en su lugar, como en Moodle');
        return {
          ...base,
          type: 'short',
          answers: q.answers.map((a) => {
            const feedback = feedbackOf(a.feedback);
            // Learners type plain text: an answer written in HTML is compared without its tags.
            const text = isHtml(a.text) ? htmlToText(a.text.text) : a.text.text;
            if (a.fraction === 1 && !feedback) return text;
            return { text, ...(a.fraction === 1 ? {} : { fraction: a.fraction }), ...(feedback ? { feedback } : {}) };
          }),
        };
      }
      case 'numerical':
        return {
          ...base,
          type: 'numeric',
          answers: q.answers.map((a) => {
            // Moodle's `*` answer (from `~#…`) takes any number the others do not; Aula picks the
            // matching answer worth most, so an interval over every number, worth 0 %, does the same.
            const match =
              a.match === 'any'
                ? { min: -Number.MAX_VALUE, max: Number.MAX_VALUE }
                : 'min' in a.match
                  ? a.match
                  : { value: a.match.value, ...(a.match.tolerance ? { tolerance: a.match.tolerance } : {}) };
            const feedback = feedbackOf(a.feedback);
            return { ...match, ...(a.fraction === 1 ? {} : { fraction: a.fraction }), ...(feedback ? { feedback } : {}) };
          }),
        };
    }
  })();
  if (typeof result === 'string') return result;
  dropUndefined(result);
  if (lossy) notes.push(`parte del texto venía en HTML y se convirtió a ${formatName(format)}, como el enunciado: revise que se lea bien`);
  for (const file of new Set(files))
    notes.push(
      `la imagen o archivo «${file}» no viaja en un archivo GIFT: se quitó (o su enlace quedó sin destino); agréguelo a mano o importe el banco en XML de Moodle`,
    );
  return result;
}

/** Optional fields left undefined are removed, so the quiz.yaml and the question read alike. */
function dropUndefined(value: unknown): void {
  if (Array.isArray(value)) for (const v of value) dropUndefined(v);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) delete (value as Record<string, unknown>)[key];
      else dropUndefined(v);
    }
  }
}

function formatName(format: AulaFormat): string {
  return format === 'markdown' ? 'Markdown' : 'texto';
}

/** Every text of a question, to choose its one format. */
function textsOf(q: GiftQuestion): GiftText[] {
  const texts = [q.generalFeedback];
  if (q.qtype === 'multichoice' || q.qtype === 'shortanswer') for (const a of q.answers) texts.push(a.text, a.feedback);
  if (q.qtype === 'numerical') for (const a of q.answers) texts.push(a.feedback);
  if (q.qtype === 'match') for (const p of q.pairs) texts.push(p.text);
  if (q.qtype === 'truefalse') texts.push(q.feedbackTrue, q.feedbackFalse);
  return texts.filter((t) => t.text !== '');
}

/**
 * Moodle keeps fractions on its list of grades (1/3 is 0.3333333), and GIFT files write them as
 * 33.3 % or 33.33 %; within 0.001 of a third, sixth, seventh or ninth the exact share is meant, so
 * three "33.3 %" options sum to 100 %.
 */
function moodleGrade(fraction: number): number {
  for (const d of [3, 6, 7, 9]) {
    for (let n = 1; n < d; n++) {
      const exact = n / d;
      if (Math.abs(Math.abs(fraction) - exact) < 0.001) return Math.sign(fraction) * exact;
    }
  }
  return fraction;
}

export type { BankImport, ImportIssue };
