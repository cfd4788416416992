import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import {
  BANK_UPLOAD_MAX_BYTES,
  bankUploadProblem,
  convertBankUpload,
  detectBankFormat,
} from '../../../../../src/lib/server/quizzes/bank-upload.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const XML_BANK = readFileSync('tests/fixtures/moodle-xml/banco-completo.xml');

describe('detectBankFormat', () => {
  test('goes by the extension first, then by how the file opens', () => {
    expect(detectBankFormat('banco.XML', bytes('::a:: b {T}'))).toBe('moodle-xml');
    expect(detectBankFormat('banco.gift', bytes('<?xml version="1.0"?><quiz/>'))).toBe('gift');
    expect(detectBankFormat('export', bytes('\uFEFF<?xml version="1.0"?>\n<quiz>'))).toBe('moodle-xml');
    expect(detectBankFormat('export', bytes('<!-- banco -->\n<quiz>\n</quiz>'))).toBe('moodle-xml');
    expect(detectBankFormat('export', bytes('::P1:: ¿Dos más dos son cuatro? {T}'))).toBe('gift');
  });
});

describe('bankUploadProblem', () => {
  test('refuses a missing, an empty and an oversized file, each with its own message', () => {
    expect(bankUploadProblem({ name: '', size: 0 })?.code).toBe('bankImport.noFile');
    expect(bankUploadProblem({ name: 'banco.xml', size: 0 })?.code).toBe('bankImport.empty');
    expect(bankUploadProblem({ name: 'banco.xml', size: BANK_UPLOAD_MAX_BYTES + 1 })).toEqual({
      code: 'bankImport.tooLarge',
      params: { max: 2 },
    });
    expect(bankUploadProblem({ name: 'banco.xml', size: BANK_UPLOAD_MAX_BYTES })).toBeNull();
  });
});

describe('convertBankUpload', () => {
  test('a Moodle XML bank: the same report as the command line, a valid quiz.yaml, and its images listed as left behind', () => {
    const result = convertBankUpload('banco-completo.xml', XML_BANK, 'Evaluación importada de banco-completo.xml');
    expect(result.format).toBe('moodle-xml');
    expect(result.summary).toBe('13 preguntas: 10 convertidas, 3 no convertidas.');
    expect(result.problems.map((p) => p.question)).toEqual(['Multa calculada', 'Cloze del artículo 15', 'Emparejamiento aleatorio']);
    expect(result.notes.at(-1)?.message).toBe(
      'la imagen media/indicios-de-subordinacion-organigrama-empresa.png no se incluye en la descarga; use npm run quiz:import para conservarla junto al quiz.yaml',
    );
    const quiz = quizSchema.parse(parse(result.yaml ?? ''));
    expect(quiz.title).toBe('Evaluación importada de banco-completo.xml');
    expect(quiz.pools.flatMap((p) => p.questions)).toHaveLength(10);
  });

  test('a GIFT bank read from its bytes', () => {
    const result = convertBankUpload(
      'banco.txt',
      bytes('::Aviso:: La inspección ordinaria se avisa con 24 horas de anticipación. {T}\n'),
      'Evaluación importada',
    );
    expect(result).toMatchObject({ format: 'gift', converted: 1, problems: [] });
    expect(parse(result.yaml ?? '')).toMatchObject({ pools: [{ questions: [{ type: 'truefalse', answer: true }] }] });
  });

  test('nothing converted: no quiz.yaml, and the reason', () => {
    const result = convertBankUpload('roto.xml', bytes('<?xml version="1.0"?>\n<quiz>\n<question>\n</quiz>'), 'Evaluación importada');
    expect(result.yaml).toBeNull();
    expect(result.converted).toBe(0);
    expect(result.problems[0]?.message).toMatch(/^El XML está mal formado en la línea 4/);
  });
});
