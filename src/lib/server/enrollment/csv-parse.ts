import { parse } from 'csv-parse/sync';
import { foldForSearch } from '../../text.ts';

/** Columns of the enrollment CSV, with the header spellings a spreadsheet in Mexico may use. */
export const CSV_COLUMNS = {
  fullName: ['nombre', 'nombre completo', 'nombre(s) y apellidos', 'name'],
  email: ['correo', 'correo electronico', 'email', 'e-mail', 'correo-e'],
  curp: ['curp'],
  state: ['entidad', 'entidad federativa', 'estado', 'state'],
  office: ['oficina', 'oficina de representacion', 'oficina de representacion federal del trabajo', 'office'],
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
const REQUIRED: CsvColumn[] = ['fullName', 'email', 'state', 'office'];

export interface CsvRow {
  /** The line of the file where the row starts (the header is line 1). */
  line: number;
  values: Record<CsvColumn, string>;
  /** Cells in the row, to report rows with the wrong number of columns. */
  cellCount: number;
}

export type CsvParseResult =
  | { ok: true; rows: CsvRow[]; encoding: 'utf-8' | 'windows-1252'; delimiter: ',' | ';'; columnCount: number }
  | { ok: false; problem: 'empty' | 'missingColumns' | 'unreadable'; detail: string };

/**
 * Excel in Mexico saves "CSV UTF-8" with a BOM, plain "CSV" in Windows-1252, and uses a
 * semicolon when the system list separator is one. Try strict UTF-8 first, then Windows-1252.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter of the header line: whichever of `;` and `,` appears more outside quotes. */
export function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const semicolons = unquoted.split(';').length;
  const commas = unquoted.split(',').length;
  return semicolons > commas ? ';' : ',';
}

function headerColumn(cell: string): CsvColumn | null {
  const folded = foldForSearch(cell).replace(/\s+/g, ' ');
  for (const [column, names] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) {
    if (names.includes(folded)) return column;
  }
  return null;
}

/** Parses already-decoded text. Rows keep their line numbers for error messages. */
export function parseEnrollmentCsv(text: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): CsvParseResult {
  // One newline style: csv-parse miscounts lines with CRLF, and a cell loses nothing by it.
  const clean = stripBom(text).replace(/\r\n?/g, '\n');
  if (clean.trim() === '') return { ok: false, problem: 'empty', detail: '' };
  const delimiter = detectDelimiter(clean);
  let records: ParsedRecord[];
  try {
    records = parse(clean, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: 'empty', detail: '' };
  const positions = new Map<CsvColumn, number>();
  header.record.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column && !positions.has(column)) positions.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !positions.has(c));
  if (missing.length > 0) return { ok: false, problem: 'missingColumns', detail: missing.map((c) => CSV_COLUMNS[c][0]).join(', ') };

  const rows: CsvRow[] = [];
  for (const { record, raw, info } of body) {
    // A record that only has empty cells (a blank spreadsheet row: ";;;;") is not a row.
    if (record.every((cell) => cell === '')) continue;
    const values = Object.fromEntries(
      (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((c) => [c, positions.has(c) ? (record[positions.get(c) as number] ?? '') : '']),
    ) as Record<CsvColumn, string>;
    rows.push({ line: startLine(raw, info.lines), values, cellCount: record.length });
  }
  if (rows.length === 0) return { ok: false, problem: 'empty', detail: '' };
  return { ok: true, rows, encoding, delimiter, columnCount: header.record.length };
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * csv-parse reports the line a record ends on, and its raw text carries the skipped blank lines
 * before it; a quoted cell may span lines, so count back over the record's own newlines.
 */
function startLine(raw: string, endLine: number): number {
  const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (inner.match(/\n/g)?.length ?? 0);
}

export function parseEnrollmentCsvBytes(bytes: Uint8Array): CsvParseResult {
  const { text, encoding } = decodeCsvBytes(bytes);
  return parseEnrollmentCsv(text, encoding);
}
