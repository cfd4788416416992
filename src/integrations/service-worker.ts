import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/**
 * Bundles src/service-worker/sw.ts into dist/client/sw.js after the build, with the precache list
 * of the public shell injected where Workbox expects it (`self.__WB_MANIFEST`, as workbox-build's
 * injectManifest does): the stylesheets, the offline page, the icons and the web app manifest.
 * Lesson pages are never precached: they are personal and stored only on the learner's request
 * (docs/decisions/023-offline-lessons.md).
 */
export function serviceWorker(): AstroIntegration {
  return {
    name: 'aula-service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const client = fileURLToPath(dir);
        const manifest = precacheManifest(client);
        const result = await build({
          entryPoints: [fileURLToPath(new URL('../service-worker/sw.ts', import.meta.url))],
          bundle: true,
          format: 'iife',
          minify: true,
          target: 'es2022',
          write: false,
          // Workbox logs only when NODE_ENV is not production.
          define: { 'process.env.NODE_ENV': '"production"' },
          logLevel: 'silent',
        });
        const code = result.outputFiles[0]?.text ?? '';
        if (code.split('self.__WB_MANIFEST').length !== 2)
          throw new Error('sw.js: expected one self.__WB_MANIFEST to inject the precache list into');
        writeFileSync(join(client, 'sw.js'), code.replace('self.__WB_MANIFEST', JSON.stringify(manifest)));
        logger.info(`sw.js: ${(code.length / 1024).toFixed(1)} KB, ${manifest.length} precached files`);
      },
    },
  };
}

/** Files of the shell every visitor may have; hashed /_astro/ names need no revision. */
function precacheManifest(client: string): { url: string; revision: string | null }[] {
  return walk(client)
    .map((path) => ({ path, url: `/${relative(client, path).split(sep).join('/')}` }))
    .filter(
      ({ url }) =>
        /^\/_astro\/.+\.css$/.test(url) ||
        url === '/sin-conexion/index.html' ||
        url.startsWith('/icons/') ||
        url === '/manifest.webmanifest' ||
        url === '/favicon.svg',
    )
    .map(({ path, url }) => ({
      url,
      revision: url.startsWith('/_astro/') ? null : createHash('sha1').update(readFileSync(path)).digest('hex').slice(0, 16),
    }));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
