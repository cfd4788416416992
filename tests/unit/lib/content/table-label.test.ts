import { describe, expect, test } from 'vitest';
import { t } from '../../../../src/i18n/index.ts';
import { tableLabel } from '../../../../src/lib/content/table-label.ts';

const row = (cell: string, ...texts: string[]) => `<tr>${texts.map((x) => `<${cell}>${x}</${cell}>`).join('')}</tr>`;

describe('tableLabel', () => {
  test('names a Markdown table by its first four column headings', () => {
    const html = `<thead>${row('th', 'Núm.', 'Tipo', 'Descripción', 'Fuente', 'Fecha y hora')}</thead><tbody>${row('td', 'E-01', 'Documento', 'Nómina', 'RR. HH.', '12-03')}</tbody>`;
    expect(tableLabel(html)).toBe(t('lesson.table.label', { columns: 'Núm., Tipo, Descripción, Fuente…' }));
  });

  test('prefers the caption, as text, when the table has one', () => {
    const html = `<caption>Cadena de <em>custodia</em> &amp; resguardo</caption><thead>${row('th', 'Núm.')}</thead>`;
    expect(tableLabel(html)).toBe('Cadena de custodia & resguardo');
  });

  test('reads headings with markup and entities as plain text', () => {
    expect(tableLabel(`<thead>${row('th', '<strong>Art.</strong>', 'Sanción&#x20;(UMA)', 'Plazo&nbsp;días')}</thead>`)).toBe(
      t('lesson.table.label', { columns: 'Art., Sanción (UMA), Plazo días' }),
    );
  });

  test('falls back to a plain Spanish name when the table has no headings', () => {
    expect(tableLabel(`<tbody>${row('td', 'a', 'b')}</tbody>`)).toBe(t('lesson.table.labelUntitled'));
  });
});
