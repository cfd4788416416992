import { describe, expect, test } from 'vitest';
import { t } from '../../../../../src/i18n/index.ts';
import {
  CSV_MAX_BYTES,
  CSV_MAX_ROWS,
  csvUploadProblem,
  decodeCsvBytes,
  parseEnrollmentCsv,
  parseEnrollmentCsvBytes,
} from '../../../../../src/lib/server/enrollment/csv-parse.ts';

const HEADER = 'nombre,correo,curp,entidad,oficina';
const ROW = 'José Ñúñez Gutiérrez,jose@stps.example.mx,HEGG560427MVZRRL04,Puebla,Oficina en Puebla';

/** Windows-1252 bytes for a string of Latin-1 characters (what Excel’s plain "CSV" writes). */
function windows1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((c) => {
      const code = c.charCodeAt(0);
      if (code > 255) throw new Error(`not in Latin-1: ${c}`);
      return code;
    }),
  );
}

describe('decodeCsvBytes', () => {
  test('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${HEADER}\n${ROW}\n`)]);
    const { text, encoding } = decodeCsvBytes(bytes);
    expect(encoding).toBe('utf-8');
    expect(text.startsWith('nombre')).toBe(true);
    expect(text).toContain('José Ñúñez Gutiérrez');
  });

  test('reads UTF-8 without a BOM', () => {
    const { text, encoding } = decodeCsvBytes(new TextEncoder().encode(`${HEADER}\n${ROW}\n`));
    expect(encoding).toBe('utf-8');
    expect(text).toContain('Ñúñez');
  });

  test('falls back to Windows-1252 when the bytes are not UTF-8, keeping Ñ, ú and á', () => {
    const { text, encoding } = decodeCsvBytes(windows1252(`${HEADER}\n${ROW}\n`));
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('José Ñúñez Gutiérrez');
  });
});

describe('parseEnrollmentCsv', () => {
  test('parses comma-separated rows with their line numbers', () => {
    const result = parseEnrollmentCsv(`${HEADER}\r\n${ROW}\r\nAna López,ana@x.mx,,SLP,Oficina SLP\r\n`);
    expect(result.ok && result.delimiter).toBe(',');
    if (!result.ok) throw new Error('expected ok');
    expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(result.rows[0]?.values).toEqual({
      fullName: 'José Ñúñez Gutiérrez',
      email: 'jose@stps.example.mx',
      curp: 'HEGG560427MVZRRL04',
      state: 'Puebla',
      office: 'Oficina en Puebla',
    });
  });

  test('parses semicolon-separated files, where commas are part of a value', () => {
    const result = parseEnrollmentCsv(
      'Nombre completo;Correo electrónico;CURP;Entidad federativa;Oficina de representación\nLópez, Ana;ana@x.mx;;Puebla;Oficina\n',
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.delimiter).toBe(';');
    expect(result.rows[0]?.values.fullName).toBe('López, Ana');
  });

  test('parses a Windows-1252 file with semicolons end to end', () => {
    const result = parseEnrollmentCsvBytes(
      windows1252('nombre;correo;curp;entidad;oficina\r\nMaría Peña;maria@x.mx;;San Luis Potosí;Oficina\r\n'),
    );
    if (!result.ok) throw new Error('expected ok');
    expect(result.encoding).toBe('windows-1252');
    expect(result.rows[0]?.values).toMatchObject({ fullName: 'María Peña', state: 'San Luis Potosí' });
  });

  test('keeps line numbers right across blank lines and quoted cells spanning lines', () => {
    const result = parseEnrollmentCsv(`${HEADER}\n${ROW}\n\n"Ana, B",a@x.mx,,SLP,"San Luis\nPotosí"\nÚltima,u@x.mx,,Puebla,Oficina\n`);
    if (!result.ok) throw new Error('expected ok');
    expect(result.rows.map((r) => r.line)).toEqual([2, 4, 6]);
  });

  test('skips rows a spreadsheet leaves with only separators', () => {
    const result = parseEnrollmentCsv(`${HEADER}\n${ROW}\n,,,,\n`);
    expect(result.ok && result.rows).toHaveLength(1);
  });

  test('names the missing columns', () => {
    expect(parseEnrollmentCsv('nombre,correo\nAna,a@x.mx\n')).toEqual({
      ok: false,
      problem: { code: 'csv.missingColumns', params: { columns: 'entidad, oficina' } },
    });
  });

  test('an empty file or a header alone is empty', () => {
    expect(parseEnrollmentCsv('')).toMatchObject({ ok: false, problem: { code: 'csv.empty' } });
    expect(parseEnrollmentCsv(`${HEADER}\n`)).toMatchObject({ ok: false, problem: { code: 'csv.empty' } });
  });

  test('counts the cells of each row against the header, ignoring empty cells after the last column', () => {
    const result = parseEnrollmentCsv(`${HEADER}\n${ROW},extra\n${ROW},,\nAna,a@x.mx,,Puebla\n`);
    if (!result.ok) throw new Error('expected ok');
    expect(result.columnCount).toBe(5);
    expect(result.rows.map((r) => r.cellCount)).toEqual([6, 5, 4]);
  });
});

describe('parseEnrollmentCsv on a file it cannot read', () => {
  /** The Spanish message a coordinator sees for a file-level problem. */
  const messageFor = (text: string) => {
    const result = parseEnrollmentCsv(text);
    if (result.ok) throw new Error('expected a problem');
    return t(result.problem.code, result.problem.params);
  };

  test('an unclosed quote names the line where it opens, in Spanish, without echoing the file', () => {
    const message = messageFor(`${HEADER}\n${ROW}\n"Ana<script>,a@x.mx,,SLP,Oficina\n${ROW}\n`);
    expect(message).toBe(t('csv.unreadable.unclosedQuote', { line: 3 }));
    expect(message).not.toMatch(/Ana|script|Quote/);
  });

  test('a stray quote names its line, in Spanish, without echoing the file', () => {
    const message = messageFor(`${HEADER}\n${ROW}\n\nAna "basura",a@x.mx,,SLP,Oficina\n`);
    expect(message).toBe(t('csv.unreadable.quote', { line: 4 }));
    expect(message).not.toMatch(/basura|Invalid|Opening/);
  });

  test(`refuses more than ${CSV_MAX_ROWS} rows, blank spreadsheet rows not counted`, () => {
    const rows = (n: number) => `${HEADER}\n${Array.from({ length: n }, () => `${ROW}\n,,,,`).join('\n')}\n`;
    expect(parseEnrollmentCsv(rows(CSV_MAX_ROWS)).ok).toBe(true);
    expect(messageFor(rows(CSV_MAX_ROWS + 1))).toBe(
      'El archivo tiene más de 10,000 filas, el máximo por archivo. Divídalo en varios archivos.',
    );
  });

  test('refuses text over the size limit, counted in UTF-8 bytes', () => {
    const padding = 'ñ'.repeat(CSV_MAX_BYTES / 2);
    expect(messageFor(`${HEADER}\n${padding},a@x.mx,,Puebla,Oficina\n`)).toBe(t('csv.tooLarge', { max: 4 }));
  });
});

describe('csvUploadProblem', () => {
  test('tells no file chosen from an empty file, and refuses one over the size limit', () => {
    expect(csvUploadProblem({ name: '', size: 0 })).toEqual({ code: 'csv.noFile', params: {} });
    expect(csvUploadProblem({ name: 'vacio.csv', size: 0 })).toEqual({ code: 'csv.emptyFile', params: { name: 'vacio.csv' } });
    expect(csvUploadProblem({ name: 'grande.csv', size: CSV_MAX_BYTES + 1 })).toMatchObject({ code: 'csv.tooLarge' });
    expect(csvUploadProblem({ name: 'bien.csv', size: CSV_MAX_BYTES })).toBeNull();
  });
});
