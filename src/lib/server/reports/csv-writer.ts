import { stringify } from 'csv-stringify/sync';

/**
 * A cell of an exported CSV. Text is written as text (neutralised when a spreadsheet would read
 * it as a formula), numbers as numbers, and null as an empty cell.
 */
export type CsvCell = string | number | null;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and carriage
 * return, a cell that becomes one once trimmed): OWASP, "CSV Injection".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The cell as it is written: text that a spreadsheet would run gets a leading single quote, as
 * OWASP recommends, so `=HYPERLINK(…)` shows as text; numbers stay numbers (`-5` typed as a
 * number is a number, `"-5"` typed as text is neutralised).
 */
export function neutralizeCell(cell: CsvCell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new Error(`A CSV cell must be a finite number, got ${cell}`);
    return cell;
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The one writer of every CSV that Aula exports (gradebook today; hours, attendance,
 * certificates and DC-3 lists later): UTF-8 with a BOM, so Excel in Mexico opens accents right,
 * every cell neutralised. Nothing else imports csv-stringify (tests/unit/architecture.test.ts).
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${stringify(rows.map((row) => row.map(neutralizeCell)))}`;
}

/** `baseName` as a plain ASCII file name with `extension` (`calificaciones-generacion-2026-2.csv`). */
export function exportFileName(baseName: string, extension: 'csv' | 'xlsx'): string {
  return `${
    baseName
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'export'
  }.${extension}`;
}

/** A CSV download named after `baseName` (see `exportFileName`). */
export function csvResponse(baseName: string, rows: readonly (readonly CsvCell[])[]): Response {
  return new Response(writeCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(baseName, 'csv')}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
