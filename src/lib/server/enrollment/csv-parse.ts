import { parse } from 'csv-parse/sync';
import type { MessageKey, MessageParams } from '../../../i18n/index.ts';
import { formatInteger } from '../../format.ts';
import { foldForSearch } from '../../text.ts';

/**
 * Limits of one enrollment file, checked the same way by the preview and the confirmation: a
 * roster larger than this is split into several files. They bound the memory and the time an
 * import takes (issue #11: a 66,000-row file used to freeze the server for 50 s).
 */
export const CSV_MAX_BYTES = 4 * 1024 * 1024;
export const CSV_MAX_ROWS = 10_000;

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
  /** Cells in the row (empty cells past the header's last column not counted), to refuse rows with the wrong number of columns. */
  cellCount: number;
}

/** Why a whole file cannot be imported, as an i18n key and its parameters (never the file's raw text). */
export interface CsvFileProblem {
  code: MessageKey;
  params: MessageParams;
}

export type CsvParseResult =
  | { ok: true; rows: CsvRow[]; encoding: 'utf-8' | 'windows-1252'; delimiter: ',' | ';'; columnCount: number }
  | { ok: false; problem: CsvFileProblem };

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

/** The size check shared by the upload, the preview and the confirmation (on the text sent back). */
function csvSizeProblem(bytes: number): CsvFileProblem | null {
  return bytes > CSV_MAX_BYTES ? { code: 'csv.tooLarge', params: { max: CSV_MAX_BYTES / 1024 / 1024 } } : null;
}

/**
 * What is wrong with an upload before it is read: nothing chosen (the browser sends an empty
 * file without a name), an empty file, or one over the size limit.
 */
export function csvUploadProblem(file: { name: string; size: number }): CsvFileProblem | null {
  if (file.size === 0) return file.name ? { code: 'csv.emptyFile', params: { name: file.name } } : { code: 'csv.noFile', params: {} };
  return csvSizeProblem(file.size);
}

/** Parses already-decoded text. Rows keep their line numbers for error messages. */
export function parseEnrollmentCsv(text: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): CsvParseResult {
  const tooLarge = csvSizeProblem(Buffer.byteLength(text, 'utf8'));
  if (tooLarge) return { ok: false, problem: tooLarge };
  // One newline style: csv-parse miscounts lines with CRLF, and a cell loses nothing by it.
  const clean = stripBom(text).replace(/\r\n?/g, '\n');
  const empty = { ok: false, problem: { code: 'csv.empty', params: {} } } as const;
  if (clean.trim() === '') return empty;
  const delimiter = detectDelimiter(clean);
  let records: ParsedRecord[];
  try {
    records = parse(clean, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      // A record of empty cells (a blank spreadsheet row: ";;;;") is not a row.
      skip_records_with_empty_values: true,
      trim: true,
      // The header, the rows allowed and one more, to know the file has too many: a file near the
      // size limit may hold 30,000 short rows, and parsing them all would hold the server a second.
      to: CSV_MAX_ROWS + 2,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    return { ok: false, problem: parseProblem(error) };
  }
  const [header, ...body] = records;
  if (!header) return empty;
  const positions = new Map<CsvColumn, number>();
  header.record.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column && !positions.has(column)) positions.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    return { ok: false, problem: { code: 'csv.missingColumns', params: { columns: missing.map((c) => CSV_COLUMNS[c][0]).join(', ') } } };
  }
  const columnCount = countCells(header.record, 0);

  if (body.length > CSV_MAX_ROWS) return { ok: false, problem: { code: 'csv.tooManyRows', params: { max: formatInteger(CSV_MAX_ROWS) } } };
  const rows: CsvRow[] = [];
  for (const { record, raw, info } of body) {
    const values = Object.fromEntries(
      (Object.keys(CSV_COLUMNS) as CsvColumn[]).map((c) => [c, positions.has(c) ? (record[positions.get(c) as number] ?? '') : '']),
    ) as Record<CsvColumn, string>;
    rows.push({ line: startLine(raw, info.lines), values, cellCount: countCells(record, columnCount) });
  }
  if (rows.length === 0) return empty;
  return { ok: true, rows, encoding, delimiter, columnCount };
}

/**
 * The cells that count: a spreadsheet may leave empty cells after the last column (a trailing
 * separator), which say nothing; anything past `atLeast` that is not empty does count.
 */
function countCells(record: string[], atLeast: number): number {
  let count = record.length;
  while (count > atLeast && record[count - 1] === '') count--;
  return count;
}

/**
 * csv-parse's errors are in English and quote the offending text; the coordinator gets the line
 * to look at and what to fix, in Spanish, and nothing of the file's content is echoed back.
 */
function parseProblem(error: unknown): CsvFileProblem {
  const details = (error ?? {}) as { code?: string; lines?: number; raw?: string };
  const line = details.lines ?? 1;
  if (details.code === 'CSV_QUOTE_NOT_CLOSED') {
    // It is found at the end of the file; the quote opened where the unfinished record starts.
    return { code: 'csv.unreadable.unclosedQuote', params: { line: startLine(details.raw ?? '', line) } };
  }
  if (/QUOTE/.test(details.code ?? '')) return { code: 'csv.unreadable.quote', params: { line } };
  return { code: 'csv.unreadable', params: { line } };
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
