import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import reactDomServer from '../../../../src/lib/server/render/react-dom-server-on-demand.ts';

// What astro.config.mjs puts in place of react-dom/server in the bundle: the functions
// @astrojs/react's renderer calls must render as the real ones do, once a page has an island.
describe('react-dom/server on demand', () => {
  it('renders a component to a string', () => {
    expect(reactDomServer.renderToString(createElement('p', { className: 'nota' }, 'Hola'))).toBe('<p class="nota">Hola</p>');
  });

  it('renders a component to a web stream', async () => {
    const stream = await reactDomServer.renderToReadableStream(createElement('strong', null, 'Aula'));
    expect(await new Response(stream).text()).toBe('<strong>Aula</strong>');
  });
});
