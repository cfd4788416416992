// @astrojs/react's server renderer imports react-dom/server (~570 KB) as the bundle loads, for the
// React islands a page might have; Aula's pages have none today, and loading it was ~10 ms of the
// first response plus its garbage (docs/decisions/024, eighth pass). astro.config.mjs points the
// bundle's `react-dom/server` here; the real one is required the first time a React component is
// rendered, if ever. These are the three functions the renderer calls.
import { createRequire } from 'node:module';
import type * as ReactDomServer from 'react-dom/server';

const require = createRequire(import.meta.url);

let real: typeof ReactDomServer | undefined;
const load = () => {
  real ??= require('react-dom/server') as typeof ReactDomServer;
  return real;
};

export default {
  renderToString: (...args: Parameters<typeof ReactDomServer.renderToString>) => load().renderToString(...args),
  renderToPipeableStream: (...args: Parameters<typeof ReactDomServer.renderToPipeableStream>) => load().renderToPipeableStream(...args),
  renderToReadableStream: (...args: Parameters<typeof ReactDomServer.renderToReadableStream>) => load().renderToReadableStream(...args),
};
