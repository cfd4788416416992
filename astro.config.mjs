// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { serviceWorker } from './src/integrations/service-worker.ts';

export default defineConfig({
  output: 'server',
  // Middleware mode: scripts/lib/serve.mjs is the HTTP server (docs/decisions/006-own-http-server.md).
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  integrations: [react(), mdx(), serviceWorker()],
  // checkOrigin's rule is applied by src/middleware.ts (lib/server/auth/same-origin.ts), which can
  // refuse in Spanish; Astro's own check answers in English before any middleware of ours runs.
  security: { checkOrigin: false, actionBodySizeLimit: 5 * 1024 * 1024 },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  vite: {
    // drizzle-orm's ESM build costs ~450 ms to import on first request; bundling it keeps the
    // first response fast (STACK.md §3).
    ssr: { noExternal: ['drizzle-orm'] },
    // The adapter's static-file handler, which Aula's server never reaches, loads `send` only if
    // ever called (docs/decisions/024, seventh pass); React's server renderer, likewise, only when
    // a page first renders a React island (eighth pass).
    resolve: {
      alias: [
        { find: /^send$/, replacement: fileURLToPath(new URL('./src/lib/server/http/send-on-demand.ts', import.meta.url)) },
        {
          find: /^react-dom\/server$/,
          replacement: fileURLToPath(new URL('./src/lib/server/render/react-dom-server-on-demand.ts', import.meta.url)),
        },
      ],
    },
  },
});
