import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import Callout from '../../../src/components/mdx/Callout.astro';
import { t } from '../../../src/i18n/index.ts';

const render = async (props: Record<string, unknown>, text: string) =>
  (await AstroContainer.create()).renderToString(Callout, { props, slots: { default: text } });

describe('<Callout>', () => {
  test('renders a pending point as its own kind, labelled "Precisión pendiente" unless given a title', async () => {
    const html = await render({ type: 'pendiente' }, 'Falta el texto del Reglamento.');
    expect(html).toMatch(/<aside class="callout pendiente" aria-label="Precisión pendiente"[^>]*>/);
    expect(html).toMatch(new RegExp(`<p class="callout-title"[^>]*>${t('callout.pendiente')}</p>`));
    expect(html).toContain('Falta el texto del Reglamento.');
    const titled = await render({ type: 'pendiente', title: 'Plazos del panel' }, 'Sin fuente.');
    expect(titled).toContain('aria-label="Plazos del panel"');
  });

  test('keeps the other kinds, and refuses an unknown one', async () => {
    expect(await render({}, 'x')).toContain('class="callout nota"');
    expect(await render({ type: 'advertencia' }, 'x')).toContain('class="callout advertencia"');
    await expect(render({ type: 'por-verificar' }, 'x')).rejects.toThrow(/"pendiente"/);
  });
});
