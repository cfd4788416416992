import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, test } from 'vitest';
import type { CertificateSnapshot } from '../../src/lib/certificates/snapshot.ts';
import { gradeOnTenPoints, renderCertificatePdf } from '../../src/lib/server/certificates/pdf.ts';
import { sampleSnapshot } from '../../src/lib/server/certificates/sample-snapshot.ts';

// The checks read the PDF the way people and machines will: poppler extracts and rasterises it,
// qpdf checks its structure (STACK.md §5: a subset font can pass pdftotext and still draw nothing).
const missing = ['pdftotext', 'pdftoppm', 'pdfinfo', 'qpdf'].filter((tool) => spawnSync(tool, ['-v']).error !== undefined);
const SKIP_REASON = `needs poppler-utils and qpdf (missing: ${missing.join(', ')}); apt-get install poppler-utils qpdf`;

const NAMES = ['José Ñúñez Gutiérrez', 'Tlāltēcuhtli Xōchitl', 'Zoë Müller Peña', 'Juana Pérez Xiꞌuhcóatl', "Ma. de Lourdes D'Ávila"];

const dir = mkdtempSync(join(tmpdir(), 'aula-cert-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function render(snapshot: CertificateSnapshot): Promise<{ path: string; bytes: Uint8Array }> {
  const bytes = await renderCertificatePdf(snapshot);
  const path = join(dir, `c${files++}.pdf`);
  writeFileSync(path, bytes);
  return { path, bytes };
}

function text(path: string, ...options: string[]): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...options, path, '-'], { encoding: 'utf8' });
}

/** Page 1 rasterised in grey at `dpi`. */
function rasterise(path: string, dpi: number): PNG {
  const prefix = join(dir, `r${files++}`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', '-singlefile', path, prefix]);
  return PNG.sync.read(readFileSync(`${prefix}.png`));
}

function darkPixels(png: PNG): number {
  let dark = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if ((png.data[i] as number) + (png.data[i + 1] as number) + (png.data[i + 2] as number) < 3 * 160) dark++;
  }
  return dark;
}

describe.skipIf(missing.length > 0)(`renderCertificatePdf (${missing.length > 0 ? SKIP_REASON : 'poppler and qpdf'})`, () => {
  test.each(NAMES)('prints %s exactly, in the text layer and on the rendered page', async (fullName) => {
    const { path } = await render(sampleSnapshot({ person: { fullName, curp: 'NUGJ800101HDFXTS09' } }));
    const pages = text(path).split('\f');
    expect(pages[0]).toContain(fullName);
    expect(pages[1]).toContain(fullName);

    // Not blank: the name adds ink to page 1 compared with the same certificate without it.
    const without = await render(sampleSnapshot({ person: { fullName: '', curp: 'NUGJ800101HDFXTS09' } }));
    const added = darkPixels(rasterise(path, 50)) - darkPixels(rasterise(without.path, 50));
    expect(added).toBeGreaterThan(20 * fullName.length);
  });

  test('prints a decomposed name (a + combining macron) as composed letters', async () => {
    const fullName = 'Tlāltēcuhtli Xōchitl';
    const { path } = await render(sampleSnapshot({ person: { fullName: fullName.normalize('NFD'), curp: null } }));
    expect(text(path)).toContain(fullName.normalize('NFC'));
  });

  test('passes qpdf --check, stays under 200 KB and has two US Letter landscape pages', async () => {
    // Many distinct glyphs make the largest font subsets.
    const fullName = 'Ma. Guadalupe Xiꞌuhcóatl Ñúñez D’Ávila Müller Tlāltēcuhtli Xōchitl Ūüïöë Çãõ';
    const { path, bytes } = await render(sampleSnapshot({ person: { fullName, curp: null }, replaces: 'DIF-2026-00041' }));
    const check = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors');
    expect(bytes.length).toBeLessThan(200 * 1024);
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+792 x 612 pts \(letter\)/);
  });

  test('the QR code decodes to the verification URL', async () => {
    const snapshot = sampleSnapshot({ verificationUrl: 'https://aula.example.mx/verificar/q8w2e4r6t8y0u2i4o6p8a0s2' });
    const page = rasterise((await render(snapshot)).path, 150);
    const found = jsQR(new Uint8ClampedArray(page.data), page.width, page.height);
    expect(found?.data).toBe(snapshot.verificationUrl);
  });

  test('says who issued it and what it is in its metadata', async () => {
    const snapshot = sampleSnapshot();
    const { path, bytes } = await render(snapshot);
    const info = execFileSync('pdfinfo', ['-isodates', path], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+Constancia DIF-2026-00042/);
    expect(info).toMatch(/Author:\s+Aula — STPS/);
    expect(info).toMatch(/Subject:\s+Diplomado en Inspección Federal del Trabajo/);
    expect(info).toMatch(/Creator:\s+Aula/);
    expect(info).toMatch(/CreationDate:\s+2026-07-03T17:30:00/);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('es-MX');
    expect(doc.getCreationDate()?.toISOString()).toBe(snapshot.issuedAt);
  });

  test('prints the transcript, hours, grade scale, dates, signatories, folio and how to verify', async () => {
    const snapshot = sampleSnapshot();
    const { path } = await render(snapshot);
    const [front, back] = text(path)
      .split('\f')
      .map((page) => page.replace(/\s+/g, ' ')) as [string, string];
    for (const expected of [
      'CONSTANCIA',
      'otorgan la presente constancia a',
      'CURP: NUGJ800101HDFXTS09',
      'con una duración de 120 horas',
      'del 2 de febrero de 2026 al 26 de junio de 2026',
      'calificación final de 8.8 en una escala de 0 a 10',
      'Dr. Ignacio Ávila Quiñones',
      'Titular de la Unidad de Trabajo Digno',
      'Folio: DIF-2026-00042',
      'Fecha de expedición: 3 de julio de 2026',
      snapshot.verificationUrl,
    ]) {
      expect(front).toContain(expected);
    }
    for (const expected of [
      'T-MEC: Capítulo 23, Anexo 23-A',
      'Sin evaluación',
      `(SHA-256): ${snapshot.program.contentHash.slice(0, 16)}`,
      'https://aula.stps.gob.mx/verificar',
    ]) {
      expect(back).toContain(expected);
    }
    // The total row: program hours, credited hours, final grade.
    expect(text(path, '-layout')).toMatch(/Total\s+120\s+120\s+8\.8\n/);
  });
});

describe('renderCertificatePdf, its bytes', () => {
  test('renders the same snapshot to the same bytes, whatever was rendered before', async () => {
    const first = await renderCertificatePdf(sampleSnapshot());
    await renderCertificatePdf(sampleSnapshot({ person: { fullName: 'Tlāltēcuhtli Xōchitl', curp: null } }));
    const again = await renderCertificatePdf(JSON.parse(JSON.stringify(sampleSnapshot())));
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  test('renders the same bytes in a fresh process (npm run cert:preview)', async () => {
    const out = join(dir, 'preview.pdf');
    execFileSync(process.execPath, ['scripts/cert-preview.ts', '--out', out], { encoding: 'utf8' });
    const expected = await renderCertificatePdf(sampleSnapshot());
    expect(readFileSync(out).equals(Buffer.from(expected))).toBe(true);
  });

  test('a different snapshot gives different bytes', async () => {
    const a = await renderCertificatePdf(sampleSnapshot());
    const b = await renderCertificatePdf(sampleSnapshot({ folio: 'DIF-2026-00043' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});

describe('gradeOnTenPoints', () => {
  test('shows a 0..1 grade on the 10-point scale with one decimal, rounding half up', () => {
    expect(gradeOnTenPoints(0.925)).toBe('9.3');
    expect(gradeOnTenPoints(0.8833)).toBe('8.8');
    expect(gradeOnTenPoints(1)).toBe('10.0');
    expect(gradeOnTenPoints(0.7)).toBe('7.0');
  });
});
