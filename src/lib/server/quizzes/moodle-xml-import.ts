import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { questionSchema } from '../../content/quiz-schema.ts';
import { type BankImport, categoryTitle, decodeBankText, type ImportIssue, type QuestionInput, slugify, uniqueId } from './bank-import.ts';
import { convertMoodleQuestion } from './moodle-xml-questions.ts';
import { asArray, asString, childText, type XmlNode } from './moodle-xml-text.ts';

/**
 * Reads a Moodle XML question bank (what Moodle exports by default) into Aula's quiz format:
 * `<question type="category">` paths become pools, every other question is converted or
 * reported with its name and a reason, and embedded images come back as assets.
 *
 * @example
 * const bank = importMoodleXml(readFileSync('banco.xml'));
 * writeFileSync('quiz.yaml', toQuizYaml(bank, 'Evaluación del módulo 4'));
 */
export function importMoodleXml(input: string | Uint8Array): BankImport {
  const { text, notes } = decodeBankText(input);
  const bank: BankImport = { pools: [], problems: [], notes: [...notes], questionCount: 0, assets: [] };
  const quiz = parseQuiz(text, bank.problems);
  if (!quiz) return bank;

  const lines = questionLines(text);
  const elements = asArray(quiz.question);
  const lineOf = (index: number): number | undefined => (lines.length === elements.length ? lines[index] : undefined);
  const usedIds = new Set<string>();
  const pools = new Map<string, BankImport['pools'][number]>();
  const poolIds = new Map<string, string>();
  let pool = { id: 'importadas', title: 'Preguntas importadas', questions: [] as QuestionInput[] };

  for (const [index, element] of elements.entries()) {
    const type = asString(element['@_type']);
    const line = lineOf(index);
    if (type === 'category') {
      // The whole path: two categories with the same last name stay apart.
      const title = categoryTitle(childText(element, 'category'));
      const id = poolIds.get(title) ?? uniqueId(slugify(title, 64) || 'categoria', new Set(poolIds.values()));
      poolIds.set(title, id);
      pool = pools.get(id) ?? { id, title, questions: [] };
      continue;
    }
    bank.questionCount++;
    const name = childText(element, 'name') || `pregunta ${bank.questionCount}`;
    const id = uniqueId(slugify(name) || slugify(childText(element, 'idnumber')) || `pregunta-${bank.questionCount}`, usedIds);
    const converted = convertMoodleQuestion(element, id);
    for (const message of converted.notes) bank.notes.push({ line, question: name, message });
    if (!converted.ok) {
      bank.problems.push({ line, question: name, message: converted.reason });
      continue;
    }
    const checked = questionSchema.safeParse(converted.question);
    if (!checked.success) {
      const reasons = checked.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      bank.problems.push({ line, question: name, message: `no cumple el formato de Aula (${[...new Set(reasons)].join('; ')})` });
      continue;
    }
    // The question as converted, not as parsed: quiz.yaml stays free of the schema's defaults.
    pool.questions.push(converted.question as QuestionInput);
    bank.assets.push(...converted.assets);
    if (!pools.has(pool.id)) pools.set(pool.id, pool);
  }
  bank.pools = [...pools.values()].filter((p) => p.questions.length > 0);
  return bank;
}

/** Whether a file is XML rather than GIFT, for a file whose name does not say: it opens with `<?xml` or `<quiz>`. */
export function looksLikeMoodleXml(input: string | Uint8Array): boolean {
  const head = typeof input === 'string' ? input.slice(0, 1024) : new TextDecoder('latin1').decode(input.slice(0, 1024));
  return /^(\uFEFF|\u00EF\u00BB\u00BF)?\s*(<\?xml\b|(<!--[\s\S]*?-->\s*)*<quiz[\s>])/.test(head);
}

const ARRAYS = new Set(['question', 'answer', 'file', 'tag', 'subquestion', 'dragbox', 'selectoption', 'unit', 'hint']);

/** The `<quiz>` element, or null with the reason in `problems`. */
function parseQuiz(text: string, problems: ImportIssue[]): XmlNode | null {
  if (text.trim() === '') {
    problems.push({ message: 'El archivo está vacío.' });
    return null;
  }
  if (text.includes('\u0000')) {
    problems.push({ message: 'El archivo no es de texto: exporte el banco desde Moodle en formato «Moodle XML».' });
    return null;
  }
  // Marked deprecated in favour of the separate fast-xml-validator package; it still gives the
  // line and column of the first error, which the parser alone does not. TODO(#16): move over when
  // that package is added.
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    problems.push({
      line: valid.err.line,
      message: `El XML está mal formado en la línea ${valid.err.line}, columna ${valid.err.col}: revise que cada etiqueta cierre, o exporte el banco de nuevo desde Moodle.`,
    });
    return null;
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep "007" and "1.0000000" as written: each field is read as the type it should be.
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  let root: XmlNode;
  try {
    root = parser.parse(text) as XmlNode;
  } catch {
    // The parser's limits on entities (an "XML bomb" declares thousands) end here, not in a 500.
    problems.push({
      message: 'El XML declara entidades que Aula no expande (<!DOCTYPE … <!ENTITY …>): exporte el banco de nuevo desde Moodle.',
    });
    return null;
  }
  const quiz = root.quiz;
  if (!quiz || typeof quiz !== 'object') {
    problems.push({
      message:
        'No es un banco de preguntas de Moodle XML: falta el elemento <quiz>. Exporte el banco desde Moodle en formato «Moodle XML».',
    });
    return null;
  }
  if (asArray((quiz as XmlNode).question).length === 0) problems.push({ message: 'El banco no tiene preguntas (<question>).' });
  return quiz as XmlNode;
}

/** The line of each `<question` tag, in order (the parser gives no positions). */
function questionLines(text: string): number[] {
  const lines: number[] = [];
  const withoutComments = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  let line = 1;
  let last = 0;
  for (const match of withoutComments.matchAll(/<question[\s>]/g)) {
    for (let i = last; i < match.index; i++) if (withoutComments.charCodeAt(i) === 10) line++;
    last = match.index;
    lines.push(line);
  }
  return lines;
}
