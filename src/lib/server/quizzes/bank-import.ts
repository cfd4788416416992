import type { z } from 'astro/zod';
import { stringify } from 'yaml';
import type { questionSchema } from '../../content/quiz-schema.ts';
import { foldForSearch } from '../../text.ts';

/**
 * What every question-bank importer (GIFT, Moodle XML) returns, and the pieces they share: reading
 * the file's bytes, making ids, and writing the quiz.yaml. A bank is converted whole and reported
 * per question, so an instructor sees every question that did not come along and why (DESIGN: bad
 * input never half-writes; the caller writes nothing while `problems` is not empty).
 */

/** Both readers write YAML the same way, so a quiz imported from GIFT or XML reads alike. */
export const IMPORTED_QUIZ_DEFAULTS = { passingScore: 0.7, attempts: 3, grading: 'highest' } as const;

export function decodeBankText(input: string | Uint8Array): { text: string; notes: ImportIssue[] } {
  if (typeof input === 'string') return { text: input.replace(/^\uFEFF/, ''), notes: [] };
  // Notepad's "Unicode" is UTF-16 with its BOM; anything else is UTF-8 or a Windows code page.
  if (input[0] === 0xff && input[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(input), notes: [] };
  if (input[0] === 0xfe && input[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(input), notes: [] };
  try {
    // The UTF-8 decoder drops a BOM itself; `fatal` makes a stray Windows-1252 byte an error, not a �.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), notes: [] };
  } catch {
    // Moodle refuses such a file; Spanish banks saved by Excel or old Notepad are Windows-1252
    // ("ANSI"), which decodes any byte, so the accents come through and the instructor is told.
    return {
      text: new TextDecoder('windows-1252').decode(input),
      notes: [
        {
          message:
            'El archivo no está en UTF-8: se leyó como Windows-1252 (ANSI, el de Excel y el Bloc de notas antiguo). Revise que acentos y eñes se vean bien.',
        },
      ],
    };
  }
}

/** A lower-case id with hyphens, as quiz ids must be; '' when the text has no letter or digit. */
export function slugify(value: string, max = 48): string {
  return foldForSearch(value)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, max)
    .replace(/-$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is still free; remembers the one it returns. */
export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/**
 * Moodle's essays carry no rubric and Aula grades essays by one, so an imported essay gets this
 * one criterion worth its point; the importer adds a note asking the instructor to write the real one.
 */
export function placeholderRubric(): { criterion: string; levels: { points: number; description: string }[] }[] {
  return [
    {
      criterion: 'Calificación global',
      levels: [
        { points: 0, description: 'No cumple' },
        { points: 1, description: 'Cumple' },
      ],
    },
  ];
}

/** The quiz as an object: every pool with questions is drawn whole, as it was in Moodle's bank. */
export function toQuiz(bank: BankImport, title: string): Record<string, unknown> {
  const pools = bank.pools.filter((p) => p.questions.length > 0);
  return {
    title,
    ...IMPORTED_QUIZ_DEFAULTS,
    draw: pools.map((p) => ({ pool: p.id, count: p.questions.length })),
    pools,
  };
}

/** The quiz.yaml text; the caller checks it with quizSchema (a bank with no questions makes none). */
export function toQuizYaml(bank: BankImport, title: string): string {
  return stringify(toQuiz(bank, title), { lineWidth: 0 });
}

/** "5 preguntas: 4 convertidas, 1 no convertida." — counts questions, not blocks of the file. */
export function summarizeImport(bank: BankImport): string {
  const converted = bank.pools.reduce((n, p) => n + p.questions.length, 0);
  const failed = bank.questionCount - converted;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return `${plural(bank.questionCount, 'pregunta', 'preguntas')}: ${plural(converted, 'convertida', 'convertidas')}, ${plural(failed, 'no convertida', 'no convertidas')}.`;
}

/** `archivo.gift:12 «Nombre»: motivo` — the form both the CLI and the upload page show. */
export function describeIssue(file: string, issue: ImportIssue): string {
  const where = issue.line === undefined ? file : `${file}:${issue.line}`;
  return issue.question ? `${where} «${issue.question}»: ${issue.message}` : `${where}: ${issue.message}`;
}

/** A question as an importer writes it: quiz.yaml's shape before the schema's defaults. */
export type QuestionInput = z.input<typeof questionSchema>;

export interface ImportIssue {
  line?: number;
  /** The question's name, or its first words when it has none. */
  question?: string;
  /** In Spanish, saying what to fix. */
  message: string;
}

export interface BankImport {
  /** A $CATEGORY or Moodle category keeps its whole path as the title; the id is a slug of it. */
  pools: { id: string; title: string; questions: QuestionInput[] }[];
  /** Questions that could not be converted, each with its line and name. */
  problems: ImportIssue[];
  /** Converted, but worth a look: encoding guessed, image left behind, wildcard… */
  notes: ImportIssue[];
  /** Questions found in the file (not blocks), converted or not. */
  questionCount: number;
  /** Embedded images to place beside quiz.yaml (Moodle XML). */
  assets: { path: string; bytes: Uint8Array }[];
}

/**
 * `$course$/top/Módulo 4/Conceptos` → `Módulo 4 / Conceptos`: the whole path, without Moodle's
 * context marker and its implicit "top" root; `//` in a name is a literal slash.
 */
export function categoryTitle(path: string): string {
  const parts = path
    .replace(/^\$[a-z0-9]+\$\/?/i, '')
    .replace(/\/\//g, '\uE000')
    .split('/')
    .map((p) => p.replace(/\uE000/g, '/').trim())
    .filter(Boolean);
  if (parts[0]?.toLowerCase() === 'top') parts.shift();
  return parts.join(' / ') || 'Preguntas importadas';
}
