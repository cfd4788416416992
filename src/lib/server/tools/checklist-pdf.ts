import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { t } from '../../../i18n/index.ts';
import { formatCitation } from '../../content/legal.ts';
import { formatDateTime } from '../../format.ts';
import { CHECKLIST_MARKS, type Checklist, type ChecklistMarks } from '../../tools/checklist-schema.ts';
import { dejavuFonts } from '../pdf-fonts.ts';

// US Letter portrait, in points: what an inspector prints and takes on a visit.
const WIDTH = 612;
const HEIGHT = 792;
const MARGIN = 48;
const INK = rgb(0.13, 0.13, 0.13);
const MUTED = rgb(0.36, 0.36, 0.36);
const GUINDA = rgb(0.412, 0.11, 0.196);

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A module 7 checklist as a printable PDF (DejaVu, so every accent and ☐ prints): blank, with lines
 * to write on in the visit, or with one learner's saved marks and notes.
 */
export async function renderChecklistPdf(
  checklist: Checklist,
  filled?: { marks: ChecklistMarks; name: string; savedAt: Date },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const { regular, bold } = dejavuFonts();
  const font = await doc.embedFont(regular, { subset: true });
  const strong = await doc.embedFont(bold, { subset: true });
  doc.setTitle(checklist.title);
  doc.setLanguage('es-MX');
  doc.setCreator('Aula');
  doc.setProducer('Aula');

  let page: PDFPage = doc.addPage([WIDTH, HEIGHT]);
  let y = HEIGHT - MARGIN;
  const width = WIDTH - 2 * MARGIN;
  const newPage = () => {
    page = doc.addPage([WIDTH, HEIGHT]);
    y = HEIGHT - MARGIN;
  };
  const write = (
    text: string,
    options: { size?: number; font?: PDFFont; color?: ReturnType<typeof rgb>; indent?: number; gap?: number } = {},
  ) => {
    const size = options.size ?? 9;
    const indent = options.indent ?? 0;
    for (const line of wrap(text, options.font ?? font, size, width - indent)) {
      if (y < MARGIN + size * 2) newPage();
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font: options.font ?? font, color: options.color ?? INK });
      y -= size * 1.35;
    }
    y -= options.gap ?? 0;
  };

  write(checklist.title, { size: 15, font: strong, color: GUINDA, gap: 4 });
  write(checklist.summary, { size: 9, color: MUTED, gap: 6 });
  if (filled)
    write(t('checklist.pdf.learner', { name: filled.name, date: formatDateTime(filled.savedAt) }), { size: 9, font: strong, gap: 6 });
  else write(t('checklist.pdf.visit'), { size: 9, gap: 8 });

  let block: string | undefined;
  for (const item of checklist.items) {
    if (y < MARGIN + 120) newPage();
    if (item.block && item.block !== block) {
      block = item.block;
      write(block, { size: 11, font: strong, color: GUINDA, gap: 2 });
    }
    write(`${item.id}. ${item.text}`, { size: 10, font: strong });
    write(`${t('checklist.guidance')}: ${item.guidance}`, { indent: 12 });
    const basis = [...item.legalBasis.map((c) => formatCitation(c)), ...(item.legalNote ? [item.legalNote] : [])].join('; ');
    write(`${t('checklist.basis')}: ${basis}`, { indent: 12 });
    write(`${t('checklist.redFlag')}: ${item.redFlag}`, { indent: 12, color: MUTED });
    const saved = filled?.marks[item.id];
    if (filled) {
      const boxes = CHECKLIST_MARKS.map((m) => `${saved?.mark === m ? '☒' : '☐'} ${t(`checklist.mark.${m}`)}`).join('   ');
      write(`${t('checklist.pdf.result')}: ${boxes}`, { indent: 12, font: strong });
      if (saved?.note) write(`${t('checklist.note', { item: item.id })}: ${saved.note}`, { indent: 12 });
    } else {
      write(`${t('checklist.pdf.result')}: ${t('checklist.pdf.blankMarks')}   Fuente: D / O / E   Ref.: ________`, { indent: 12 });
      write('Nota: ____________________________________________________________________________', { indent: 12 });
    }
    y -= 6;
  }
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    p.drawText(`${t('checklist.pdf.footer')} · ${i + 1}/${pages.length}`, { x: MARGIN, y: MARGIN / 2, size: 7, font, color: MUTED });
  });
  return doc.save();
}
