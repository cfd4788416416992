import { describe, expect, test } from 'vitest';
import { decodeCsvBytes, parseEnrollmentCsv, parseEnrollmentCsvBytes } from '../../../../../src/lib/server/enrollment/csv-parse.ts';

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
    expect(parseEnrollmentCsv('nombre,correo\nAna,a@x.mx\n')).toEqual({ ok: false, problem: 'missingColumns', detail: 'entidad, oficina' });
  });

  test('an empty file or a header alone is empty', () => {
    expect(parseEnrollmentCsv('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(parseEnrollmentCsv(`${HEADER}\n`)).toMatchObject({ ok: false, problem: 'empty' });
  });

  test('an unclosed quote is reported as unreadable, not thrown', () => {
    expect(parseEnrollmentCsv(`${HEADER}\n"Ana,a@x.mx,,SLP,Oficina\n`)).toMatchObject({ ok: false, problem: 'unreadable' });
  });
});
