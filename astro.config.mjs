// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [react(), mdx()],
  security: { checkOrigin: true, actionBodySizeLimit: 5 * 1024 * 1024 },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
  vite: {
    // drizzle-orm's ESM build costs ~450 ms to import on first request; bundling it keeps the
    // first response fast (STACK.md §3).
    ssr: { noExternal: ['drizzle-orm'] },
  },
});
