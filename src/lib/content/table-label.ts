import { t } from '../../i18n/index.ts';

/** How many column headings a table's default name lists before "…". */
const LABEL_COLUMNS = 4;

/**
 * The accessible name of a lesson table's scrolling region, from the table's rendered HTML: its
 * caption when it has one, else "Tabla: " and its first column headings (Markdown tables have no
 * caption), else "Tabla". Used by src/components/mdx/Table.astro.
 *
 * @example tableLabel('<thead><tr><th>Núm.</th><th>Tipo</th></tr></thead>…') // 'Tabla: Núm., Tipo'
 */
export function tableLabel(html: string): string {
  const caption = textOf(/<caption\b[^>]*>([\s\S]*?)<\/caption>/i.exec(html)?.[1] ?? '');
  if (caption) return caption;
  const firstRow = /<tr\b[^>]*>([\s\S]*?)<\/tr>/i.exec(html)?.[1] ?? '';
  const headings = [...firstRow.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/gi)].map((m) => textOf(m[1] ?? '')).filter(Boolean);
  if (headings.length === 0) return t('lesson.table.labelUntitled');
  const columns = headings.slice(0, LABEL_COLUMNS).join(', ') + (headings.length > LABEL_COLUMNS ? '…' : '');
  return t('lesson.table.label', { columns });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, code: string) => {
      if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? entity;
      const point = code[1]?.toLowerCase() === 'x' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
      return Number.isSafeInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}
