import ExcelJS from 'exceljs';
import { type CsvCell, exportFileName, neutralizeCell } from './csv-writer.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The one writer of every XLSX that Aula exports, the spreadsheet twin of `writeCsv`: each cell
 * goes through the same `neutralizeCell`, so a name like `=HYPERLINK(…)` is text in both formats
 * (DESIGN.md, "Exports are safe to open"), and numbers are stored as numbers. The first row is
 * the header, in bold and frozen. Nothing else imports exceljs (tests/unit/architecture.test.ts).
 */
export async function writeXlsx(sheetName: string, rows: readonly (readonly CsvCell[])[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Aula';
  // Excel refuses sheet names longer than 31 characters or with []:*?/\
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  for (const row of rows) sheet.addRow(row.map((cell) => (cell === null ? null : neutralizeCell(cell))));
  sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** An XLSX download named after `baseName`, like `csvResponse`. */
export async function xlsxResponse(baseName: string, sheetName: string, rows: readonly (readonly CsvCell[])[]): Promise<Response> {
  return new Response(await writeXlsx(sheetName, rows), {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${exportFileName(baseName, 'xlsx')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
