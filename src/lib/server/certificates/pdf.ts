import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  fill as fillPath,
  PDFContentStream,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingColor,
} from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { formatCalendarDate } from '../../format.ts';
import { dejavuFonts } from '../pdf-fonts.ts';

/**
 * The certificate's PDF (issue 14; docs/decisions/017-certificate-pdf.md). Built from the snapshot
 * and nothing else, and byte-for-byte the same for the same snapshot: the dates and the file ID
 * come from the snapshot, and pdf-lib's resource names come from its seeded generator. The
 * template's words live here with its layout, because they are one document: changing them
 * changes only certificates issued afterwards (the issued bytes are stored).
 */

// US Letter landscape, in points.
const WIDTH = 792;
const HEIGHT = 612;
const MARGIN = 54;

const INK = rgb(0.13, 0.13, 0.13);
const MUTED = rgb(0.36, 0.36, 0.36);
// Guinda and dorado, the federal government's institutional colours.
const GUINDA = rgb(0.412, 0.11, 0.196);
const DORADO = rgb(0.737, 0.584, 0.361);
const RULE = rgb(0.75, 0.75, 0.75);

const WORDS = {
  title: 'CONSTANCIA',
  grant:
    'La Secretaría del Trabajo y Previsión Social y la Facultad Latinoamericana de Ciencias Sociales, sede México, otorgan la presente constancia a',
  curp: 'CURP: {curp}',
  completedHours: 'por haber concluido satisfactoriamente el {program}, {edition}, con una duración de {hours} horas,',
  partialHours:
    'por haber concluido satisfactoriamente el {program}, {edition}, con {credited} horas acreditadas de las {hours} del programa,',
  cohort: 'cursado en la generación «{cohort}», del {starts} al {ends}',
  grade: ', con una calificación final de {grade} en una escala de 0 a 10.',
  noGrade: '.',
  folio: 'Folio: {folio}',
  issuedOn: 'Fecha de expedición: {date}',
  replaces: 'Sustituye a la constancia con folio {folio}.',
  verifyAt: 'Verifique su autenticidad en:',
  transcriptTitle: 'Historial académico',
  transcriptOf: 'Constancia {folio} · {name}',
  columns: { number: 'Módulo', title: 'Título', required: 'Horas del programa', credited: 'Horas acreditadas', grade: 'Calificación' },
  total: 'Total',
  noQuiz: 'Sin evaluación',
  gradeNote:
    'Las calificaciones están en una escala de 0 a 10, con un decimal; la final es el promedio de las de los módulos, ponderado por sus horas.',
  edition: 'Edición curricular: {edition}. Huella del contenido (SHA-256): {hash}',
  issuer: 'Expedida el {date} por {issuer}.',
  howToVerify:
    'Cómo verificar esta constancia: escanee el código QR de la primera página o visite {url}. También puede escribir el folio {folio} en {page}. La página indica si la constancia está vigente, revocada o sustituida por otra.',
} as const;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

const hoursFormat = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 2 });
const gradeFormat = new Intl.NumberFormat('es-MX', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A 0..1 grade on the 10-point scale Mexican schools use, with one decimal: 0.925 → "9.3". */
export function gradeOnTenPoints(grade: number): string {
  // Rounded half up from the hundredths; the epsilon keeps 0.925 (0.92499… in binary) at 9.3.
  return gradeFormat.format(Math.round(grade * 100 + 1e-9) / 10);
}

/**
 * fontkit, parsing each font file once per process instead of once per PDF, and without OpenType
 * shaping. pdf-lib only reads the parsed font (glyphs, metrics) and builds each subset anew, so
 * sharing it is safe. Shaping is replaced by the plain character-to-glyph map: pdf-lib draws
 * glyph by glyph and ignores GPOS positions anyway, and the text is in NFC, so each character is
 * one glyph. Parsing and shaping with DejaVu's large kerning and mark tables made a certificate
 * take about 300 ms (every width measurement ran the shaper).
 */
const parsedFonts = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();

/**
 * Every certificate's subset starts with the same glyphs in the same order (BASE_GLYPHS), so most
 * certificates need a font subset that an earlier one already built: keep the encoded subsets by
 * their glyph list, and their compressed streams by content, instead of encoding and compressing
 * two fonts per certificate. Bounded: cleared when full.
 */
const BASE_GLYPHS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzÁÉÍÓÚÜÑáéíóúüñ0123456789 .,;:()-–—«»'’ꞌ/·";
const CACHE_LIMIT = 256;
type Subset = ReturnType<ReturnType<typeof fontkit.create>['createSubset']>;
function cachingSubsets(createSubset: () => Subset): () => Subset {
  const encoded = new Map<string, Uint8Array>();
  return () => {
    const subset = createSubset();
    const encodeStream = subset.encodeStream.bind(subset);
    subset.encodeStream = () => {
      const key = (subset as unknown as { glyphs: number[] }).glyphs.join(',');
      const known = encoded.get(key);
      if (known) return Readable.from([known]) as unknown as ReturnType<typeof encodeStream>;
      const stream = encodeStream();
      const parts: Uint8Array[] = [];
      (stream as unknown as Readable)
        .on('data', (part: Uint8Array) => parts.push(part))
        .on('end', () => {
          if (encoded.size >= CACHE_LIMIT) encoded.clear();
          encoded.set(key, Buffer.concat(parts));
        });
      return stream;
    };
    return subset;
  };
}

const deflated = new Map<string, Uint8Array>();
/**
 * zlib's deflate, remembered by content: the font subsets and their ToUnicode maps, which most
 * certificates share (pages do not come here).
 */
function deflate(contents: Uint8Array): Uint8Array {
  if (contents.length < 512) return deflateSync(contents);
  const key = createHash('sha256').update(contents).digest('base64');
  let out = deflated.get(key);
  if (!out) {
    out = deflateSync(contents);
    if (deflated.size >= CACHE_LIMIT) deflated.clear();
    deflated.set(key, out);
  }
  return out;
}
const cachingFontkit: typeof fontkit = {
  ...fontkit,
  create(bytes: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      const parsed = fontkit.create(bytes, postscriptName);
      const glyphs = new Map<number, ReturnType<typeof parsed.glyphForCodePoint>>();
      const glyphFor = (codePoint: number) => {
        let glyph = glyphs.get(codePoint);
        if (!glyph) {
          glyph = parsed.glyphForCodePoint(codePoint);
          glyphs.set(codePoint, glyph);
        }
        return glyph;
      };
      // Most strings (the template's own words) recur on every certificate: keep their glyph runs.
      const runs = new Map<string, ReturnType<typeof glyphFor>[]>();
      parsed.layout = ((text: string) => {
        let glyphs = runs.get(text);
        if (!glyphs) {
          glyphs = Array.from(text, (char) => glyphFor(char.codePointAt(0) as number));
          if (runs.size >= 4 * CACHE_LIMIT) runs.clear();
          runs.set(text, glyphs);
        }
        return { glyphs };
      }) as unknown as typeof parsed.layout;
      parsed.createSubset = cachingSubsets(parsed.createSubset.bind(parsed));
      font = parsed;
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

interface Words {
  words: string[];
  /** Each word's width at 1 pt, and a space's: with no shaping, widths simply add up. */
  widths: number[];
  space: number;
}

function measureWords(text: string, font: PDFFont): Words {
  const words = text.split(/\s+/).filter(Boolean);
  return { words, widths: words.map((word) => font.widthOfTextAtSize(word, 1)), space: font.widthOfTextAtSize(' ', 1) };
}

/** The words in lines no wider than `width` at `size` (a word wider than that gets a line of its own). */
function breakLines({ words, widths, space }: Words, size: number, width: number): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  words.forEach((word, i) => {
    const w = (widths[i] as number) * size;
    if (line.length > 0 && lineWidth + space * size + w > width) {
      lines.push(line.join(' '));
      line = [];
      lineWidth = 0;
    }
    lineWidth += (line.length > 0 ? space * size : 0) + w;
    line.push(word);
  });
  if (line.length > 0) lines.push(line.join(' '));
  return lines;
}

/**
 * pdf-lib's drawText with a `font` option sets the page's font, then sets the previous one back,
 * and each set adds another entry to the page's font resources: two lookups and two entries per
 * line of text. Setting the font only when it changes draws the same text.
 */
function withSteadyFonts(page: PDFPage): PDFPage {
  const drawText = page.drawText.bind(page);
  let current: PDFFont | undefined;
  page.drawText = (text, options = {}) => {
    const { font, ...rest } = options;
    if (font && font !== current) {
      page.setFont(font);
      current = font;
    }
    drawText(text, rest);
  };
  return page;
}

/** Words of `text` in lines no wider than `width`. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  return breakLines(measureWords(text, font), size, width);
}

function drawCentered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = INK, centerX = WIDTH / 2): void {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: centerX - width / 2, y, font, size, color });
}

/**
 * Draws a centred paragraph from `y` (first baseline) downwards, its lines balanced (the narrowest
 * width that needs no more lines), so no word is left alone on the last one. Returns the next
 * free baseline.
 */
function drawParagraph(page: PDFPage, text: string, y: number, font: PDFFont, size: number, width: number, color = INK): number {
  const leading = size * 1.4;
  const words = measureWords(text, font);
  const count = breakLines(words, size, width).length;
  let [low, high] = [width / 2, width];
  for (let i = 0; i < 12 && count > 1; i++) {
    const mid = (low + high) / 2;
    if (breakLines(words, size, mid).length > count) low = mid;
    else high = mid;
  }
  for (const line of breakLines(words, size, high)) {
    drawCentered(page, line, y, font, size, color);
    y -= leading;
  }
  return y;
}

/**
 * The name as large as fits: 34 pt, smaller for a long name, and on two lines (split where the
 * longer half is shortest) rather than below 20 pt. Returns its last baseline.
 */
function drawName(page: PDFPage, name: string, y: number, font: PDFFont): number {
  const width = WIDTH - 2 * MARGIN - 40;
  const fit = (text: string): number => width / font.widthOfTextAtSize(text, 1);
  let lines = [name];
  let size = Math.min(34, fit(name));
  const words = name.split(' ');
  if (size < 20 && words.length > 1) {
    let best = 1;
    let bestWidth = Number.POSITIVE_INFINITY;
    for (let i = 1; i < words.length; i++) {
      const longer = Math.max(font.widthOfTextAtSize(words.slice(0, i).join(' '), 1), font.widthOfTextAtSize(words.slice(i).join(' '), 1));
      if (longer < bestWidth) [best, bestWidth] = [i, longer];
    }
    lines = [words.slice(0, best).join(' '), words.slice(best).join(' ')];
    size = Math.min(34, width / bestWidth);
  }
  size = Math.max(size, 8);
  lines.forEach((line, i) => {
    if (i > 0) y -= size * 1.15;
    drawCentered(page, line, y, font, size, GUINDA);
  });
  return y;
}

function drawBorder(page: PDFPage): void {
  page.drawRectangle({ x: 18, y: 18, width: WIDTH - 36, height: HEIGHT - 36, borderColor: GUINDA, borderWidth: 2.5 });
  page.drawRectangle({ x: 25, y: 25, width: WIDTH - 50, height: HEIGHT - 50, borderColor: DORADO, borderWidth: 0.8 });
}

function drawFrontPage(doc: PDFDocument, s: CertificateSnapshot, f: Fonts): void {
  const page = withSteadyFonts(doc.addPage([WIDTH, HEIGHT]));
  drawBorder(page);
  const text = WIDTH - 2 * MARGIN;

  let y = HEIGHT - 64;
  for (const institution of s.program.institutions) {
    drawCentered(page, institution.toUpperCase(), y, f.bold, 10.5, GUINDA);
    y -= 15;
  }
  page.drawLine({ start: { x: WIDTH / 2 - 120, y: y + 4 }, end: { x: WIDTH / 2 + 120, y: y + 4 }, thickness: 0.8, color: DORADO });

  y -= 34;
  drawCentered(page, WORDS.title, y, f.bold, 28, INK);
  y -= 30;
  y = drawParagraph(page, WORDS.grant, y, f.regular, 11.5, text - 60);

  y -= 30;
  y = drawName(page, s.person.fullName, y, f.bold);
  y -= 12;
  page.drawLine({ start: { x: MARGIN + 60, y }, end: { x: WIDTH - MARGIN - 60, y }, thickness: 0.6, color: RULE });
  y -= 16;
  if (s.person.curp) drawCentered(page, fill(WORDS.curp, { curp: s.person.curp }), y, f.regular, 10, MUTED);

  y -= 30;
  const hours = s.program.totalHours;
  const body =
    (s.hours.total === hours
      ? fill(WORDS.completedHours, { program: s.program.title, edition: s.program.edition, hours: hoursFormat.format(hours) })
      : fill(WORDS.partialHours, {
          program: s.program.title,
          edition: s.program.edition,
          credited: hoursFormat.format(s.hours.total),
          hours: hoursFormat.format(hours),
        })) +
    ` ${fill(WORDS.cohort, { cohort: s.cohort.name, starts: formatCalendarDate(s.cohort.startsOn), ends: formatCalendarDate(s.cohort.endsOn) })}` +
    (s.finalGrade === null ? WORDS.noGrade : fill(WORDS.grade, { grade: gradeOnTenPoints(s.finalGrade) }));
  drawParagraph(page, body, y, f.regular, 11.5, text - 60);

  drawSignatories(page, s.signatories, f);
  drawVerification(page, s, f);
}

/** Up to three signatories side by side above the foot, each with a line to sign on. */
function drawSignatories(page: PDFPage, signatories: CertificateSnapshot['signatories'], f: Fonts): void {
  if (signatories.length === 0) return;
  const lineY = 178;
  const slot = (WIDTH - 2 * MARGIN) / signatories.length;
  const lineWidth = Math.min(210, slot - 24);
  signatories.forEach((signatory, i) => {
    const cx = MARGIN + slot * (i + 0.5);
    page.drawLine({ start: { x: cx - lineWidth / 2, y: lineY }, end: { x: cx + lineWidth / 2, y: lineY }, thickness: 0.7, color: INK });
    let y = lineY - 13;
    const nameSize = Math.min(10, (lineWidth + 20) / f.bold.widthOfTextAtSize(signatory.name, 1));
    drawCentered(page, signatory.name, y, f.bold, nameSize, INK, cx);
    for (const line of [
      ...wrap(signatory.title, f.regular, 8.5, lineWidth + 20),
      ...wrap(signatory.institution, f.regular, 8.5, lineWidth + 20),
    ]) {
      y -= 11;
      drawCentered(page, line, y, f.regular, 8.5, MUTED, cx);
    }
  });
}

/**
 * The QR code as vector squares, one filled rectangle per run of dark modules in a row: sharp
 * at any zoom and in print, a few kilobytes, and much faster than a PNG, which pdf-lib would
 * decode and compress again on every certificate. Error correction M (15%) survives a fold or a
 * smudge; the white page around it is the quiet zone.
 */
function drawQrCode(page: PDFPage, url: string, x: number, y: number, size: number): void {
  // One byte-mode segment: the URL is lower case, so the segment optimiser (a shortest-path search
  // on every certificate) would find byte mode anyway.
  const { modules } = QRCode.create([{ data: new TextEncoder().encode(url), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  const runs: PDFOperator[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; ) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push(rectangle(x + start * cell, y + size - (row + 1) * cell, (col - start) * cell, cell));
    }
  }
  page.pushOperators(pushGraphicsState(), setFillingColor(rgb(0, 0, 0)), ...runs, fillPath(), popGraphicsState());
}

/** The foot: folio and issue date on the left, the QR code and its URL on the right. */
function drawVerification(page: PDFPage, s: CertificateSnapshot, f: Fonts): void {
  const foot = 44;
  page.drawText(fill(WORDS.folio, { folio: s.folio }), { x: MARGIN, y: foot + 26, font: f.bold, size: 10, color: INK });
  page.drawText(fill(WORDS.issuedOn, { date: formatCalendarDate(s.issuedOn) }), {
    x: MARGIN,
    y: foot + 12,
    font: f.regular,
    size: 9,
    color: INK,
  });
  if (s.replaces) {
    page.drawText(fill(WORDS.replaces, { folio: s.replaces }), { x: MARGIN, y: foot - 1, font: f.regular, size: 8, color: MUTED });
  }

  const size = 72;
  const qrX = WIDTH - MARGIN - size;
  drawQrCode(page, s.verificationUrl, qrX, foot - 8, size);
  const right = qrX - 10;
  const label = WORDS.verifyAt;
  page.drawText(label, { x: right - f.regular.widthOfTextAtSize(label, 8), y: foot + 26, font: f.regular, size: 8, color: MUTED });
  const urlSize = Math.min(7.5, 260 / f.regular.widthOfTextAtSize(s.verificationUrl, 1));
  page.drawText(s.verificationUrl, {
    x: right - f.regular.widthOfTextAtSize(s.verificationUrl, urlSize),
    y: foot + 14,
    font: f.regular,
    size: urlSize,
    color: INK,
  });
}

function drawTranscriptPage(doc: PDFDocument, s: CertificateSnapshot, f: Fonts): void {
  const page = withSteadyFonts(doc.addPage([WIDTH, HEIGHT]));
  drawBorder(page);
  let y = HEIGHT - 66;
  page.drawText(WORDS.transcriptTitle, { x: MARGIN, y, font: f.bold, size: 18, color: GUINDA });
  y -= 18;
  page.drawText(fill(WORDS.transcriptOf, { folio: s.folio, name: s.person.fullName }), {
    x: MARGIN,
    y,
    font: f.regular,
    size: 10,
    color: INK,
  });
  y -= 14;
  page.drawText(`${s.program.title}, ${s.program.edition}`, { x: MARGIN, y, font: f.regular, size: 9, color: MUTED });

  // Columns: number, title (wraps), three right-aligned figures.
  const tableWidth = WIDTH - 2 * MARGIN;
  const cols = { number: 52, required: 112, credited: 106, grade: 92 };
  const titleWidth = tableWidth - cols.number - cols.required - cols.credited - cols.grade;
  const x = {
    number: MARGIN,
    title: MARGIN + cols.number,
    requiredRight: MARGIN + cols.number + titleWidth + cols.required - 6,
    creditedRight: MARGIN + cols.number + titleWidth + cols.required + cols.credited - 6,
    gradeRight: MARGIN + tableWidth - 6,
  };
  const size = 9;
  const right = (text: string, edge: number, rowY: number, font = f.regular) =>
    page.drawText(text, { x: edge - font.widthOfTextAtSize(text, size), y: rowY, font, size, color: INK });

  y -= 26;
  page.drawRectangle({ x: MARGIN, y: y - 6, width: tableWidth, height: 20, color: rgb(0.95, 0.93, 0.9) });
  page.drawText(WORDS.columns.number, { x: x.number + 4, y, font: f.bold, size, color: INK });
  page.drawText(WORDS.columns.title, { x: x.title, y, font: f.bold, size, color: INK });
  right(WORDS.columns.required, x.requiredRight, y, f.bold);
  right(WORDS.columns.credited, x.creditedRight, y, f.bold);
  right(WORDS.columns.grade, x.gradeRight, y, f.bold);
  y -= 20;

  let requiredTotal = 0;
  for (const m of s.hours.modules) {
    requiredTotal += m.requiredHours;
    const lines = wrap(m.title, f.regular, size, titleWidth - 10);
    page.drawText(String(m.number), { x: x.number + 4, y, font: f.regular, size, color: INK });
    lines.forEach((line, i) => {
      page.drawText(line, { x: x.title, y: y - i * 12, font: f.regular, size, color: INK });
    });
    right(hoursFormat.format(m.requiredHours), x.requiredRight, y);
    right(hoursFormat.format(m.creditedHours), x.creditedRight, y);
    right(m.grade === null ? WORDS.noQuiz : gradeOnTenPoints(m.grade), x.gradeRight, y);
    y -= lines.length * 12 + 4;
    page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: MARGIN + tableWidth, y: y + 8 }, thickness: 0.4, color: RULE });
  }
  y -= 4;
  page.drawText(WORDS.total, { x: x.title, y, font: f.bold, size, color: INK });
  right(hoursFormat.format(requiredTotal), x.requiredRight, y, f.bold);
  right(hoursFormat.format(s.hours.total), x.creditedRight, y, f.bold);
  right(s.finalGrade === null ? WORDS.noQuiz : gradeOnTenPoints(s.finalGrade), x.gradeRight, y, f.bold);
  page.drawLine({ start: { x: MARGIN, y: y - 6 }, end: { x: MARGIN + tableWidth, y: y - 6 }, thickness: 0.8, color: INK });

  y -= 26;
  const note = (text: string, noteSize = 8.5, color = MUTED) => {
    for (const line of wrap(text, f.regular, noteSize, tableWidth)) {
      page.drawText(line, { x: MARGIN, y, font: f.regular, size: noteSize, color });
      y -= noteSize * 1.45;
    }
    y -= 4;
  };
  note(WORDS.gradeNote);
  note(fill(WORDS.edition, { edition: s.program.edition, hash: s.program.contentHash.slice(0, 16) }));
  note(fill(WORDS.issuer, { date: formatCalendarDate(s.issuedOn), issuer: s.issuer.name }));
  const verifyPage = `${new URL(s.verificationUrl).origin}/verificar`;
  note(fill(WORDS.howToVerify, { url: s.verificationUrl, folio: s.folio, page: verifyPage }), 9, INK);
}

/** Every string the snapshot prints, in NFC: a decomposed "ā" (a + U+0304) would print as two glyphs. */
function normalized(s: CertificateSnapshot): CertificateSnapshot {
  return JSON.parse(JSON.stringify(s), (_key, value) => (typeof value === 'string' ? value.normalize('NFC') : value));
}

/** JSON with sorted keys: the same snapshot gives the same text whatever order its keys came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * The certificate as PDF bytes: page 1 the constancia, page 2 the transcript. The same snapshot
 * always gives the same bytes.
 */
export async function renderCertificatePdf(snapshot: CertificateSnapshot): Promise<Uint8Array> {
  const s = normalized(snapshot);
  const doc = await PDFDocument.create({ updateMetadata: false });
  // Font subsets compressed by Node's zlib rather than pako: several times faster.
  doc.context.flateStream = (contents, dict = {}) =>
    doc.context.stream(deflate(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
      ...dict,
      Filter: 'FlateDecode',
    });
  doc.registerFontkit(cachingFontkit);
  const bytes = dejavuFonts();
  const f: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true, customName: 'DejaVuSans' }),
    bold: await doc.embedFont(bytes.bold, { subset: true, customName: 'DejaVuSans-Bold' }),
  };
  f.regular.encodeText(BASE_GLYPHS);
  f.bold.encodeText(BASE_GLYPHS);

  drawFrontPage(doc, s, f);
  drawTranscriptPage(doc, s, f);

  const issuedAt = new Date(s.issuedAt);
  doc.setTitle(`Constancia ${s.folio}`, { showInWindowTitleBar: true });
  doc.setAuthor('Aula — STPS');
  doc.setSubject(`${s.program.title}, ${s.program.edition}`);
  doc.setKeywords([s.folio, s.program.slug, 'constancia']);
  doc.setLanguage('es-MX');
  doc.setCreator('Aula');
  doc.setProducer('Aula (pdf-lib)');
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(issuedAt);
  // The file identifier (PDF 32000 §14.4) from the snapshot, so it is stable too.
  const id = PDFHexString.of(createHash('sha256').update(canonicalJson(snapshot)).digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);

  // Page contents compressed by Node's zlib too (pdf-lib would use pako when saving), and no
  // object streams, which pdf-lib would also compress with pako; the file stays near 30 KB.
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFContentStream)
      doc.context.assign(ref, doc.context.stream(deflateSync(object.getUnencodedContents(), { level: 1 }), { Filter: 'FlateDecode' }));
  }
  return doc.save({ useObjectStreams: false });
}
