import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import {
  type BankImport,
  decodeBankText,
  describeIssue,
  slugify,
  summarizeImport,
  toQuizYaml,
  uniqueId,
} from '../../../../../src/lib/server/quizzes/bank-import.ts';

describe('decodeBankText', () => {
  test('reads UTF-8 and drops its BOM, from bytes or from a string', () => {
    const utf8 = new TextEncoder().encode('¿Qué artículo? {=Doce}');
    expect(decodeBankText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: '¿Qué artículo? {=Doce}', notes: [] });
    expect(decodeBankText('\uFEFF¿Qué?')).toEqual({ text: '¿Qué?', notes: [] });
  });

  test('reads bytes that are not UTF-8 as Windows-1252 and says so', () => {
    // "Señor “inspector”, ¿qué día?" with ñ=F1, “=93, ”=94, ¿=BF, é=E9, í=ED.
    const bytes = new Uint8Array([
      0x53, 0x65, 0xf1, 0x6f, 0x72, 0x20, 0x93, 0x69, 0x94, 0x2c, 0x20, 0xbf, 0x71, 0x75, 0xe9, 0x20, 0x64, 0xed, 0x61, 0x3f,
    ]);
    const { text, notes } = decodeBankText(bytes);
    expect(text).toBe('Señor “i”, ¿qué día?');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/Windows-1252/);
  });

  test('reads UTF-16 saved with its BOM (Notepad’s "Unicode")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from('¿Qué?', 'utf16le')]);
    expect(decodeBankText(bytes)).toEqual({ text: '¿Qué?', notes: [] });
  });
});

describe('ids', () => {
  test('slugify folds accents and punctuation into a valid id', () => {
    expect(slugify('Módulo 4 / Subcontratación')).toBe('modulo-4-subcontratacion');
    expect(slugify('¿?')).toBe('');
    expect(slugify(`${'a'.repeat(30)} b`, 31)).toBe('a'.repeat(30));
  });

  test('uniqueId numbers repeated ids from 2', () => {
    const used = new Set<string>();
    expect([uniqueId('p', used), uniqueId('p', used), uniqueId('p', used)]).toEqual(['p', 'p-2', 'p-3']);
  });
});

describe('the report and the quiz.yaml', () => {
  const bank: BankImport = {
    pools: [
      {
        id: 'conceptos',
        title: 'Módulo 4 / Conceptos',
        questions: [{ id: 'uno', type: 'truefalse', prompt: 'El acta se levanta por escrito.', answer: true }],
      },
      { id: 'vacio', title: 'Sin preguntas', questions: [] },
    ],
    problems: [{ line: 12, question: 'Roto', message: 'las llaves no están parejas' }],
    notes: [{ message: 'se leyó como Windows-1252' }],
    questionCount: 2,
    assets: [],
  };

  test('the summary counts questions, converted and not', () => {
    expect(summarizeImport(bank)).toBe('2 preguntas: 1 convertida, 1 no convertida.');
  });

  test('each issue reads file:line «name»: reason', () => {
    expect(describeIssue('banco.gift', bank.problems[0] as never)).toBe('banco.gift:12 «Roto»: las llaves no están parejas');
    expect(describeIssue('banco.gift', bank.notes[0] as never)).toBe('banco.gift: se leyó como Windows-1252');
  });

  test('the quiz.yaml draws every question of each pool that has any, and passes the schema', () => {
    const quiz = parse(toQuizYaml(bank, 'Evaluación importada'));
    expect(quiz.draw).toEqual([{ pool: 'conceptos', count: 1 }]);
    expect(quiz.pools.map((p: { title: string }) => p.title)).toEqual(['Módulo 4 / Conceptos']);
    expect(quizSchema.safeParse(quiz).success).toBe(true);
  });
});
