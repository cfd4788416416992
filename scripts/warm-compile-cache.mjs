// After `astro build` (npm run build): starts the built server once, as `npm start` does, on a
// throwaway database, asks it for what a first visit asks (/api/health, the sign-in page) and stops
// it, so that V8's compiled code for start-up and for drawing a page is in dist/compile-cache
// (scripts/lib/compile-cache.mjs) before the installation's first start. Only an optimisation:
// if it fails, the build stands and the server compiles its code on its first start instead.
import './check-node.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearCompiledCode, compileCacheDir, markCompiledCode } from './lib/compile-cache-dir.mjs';
import { freePort, startServer, stopServer } from './lib/server-process.mjs';

const PAGES = ['/api/health', '/ingresar'];

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'aula-compilado-'));
let server;
try {
  // Entries of an earlier build would only take room: their files' contents changed.
  clearCompiledCode();
  const port = await freePort();
  server = await startServer({ root, databasePath: join(dir, 'aula.db'), port });
  for (const path of PAGES) await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
  // The cache is written as the server exits.
  await stopServer(server.child, 10_000);
  markCompiledCode();
  console.log(`Código del servidor compilado en ${compileCacheDir()}.`);
} catch (error) {
  await stopServer(server?.child);
  console.warn(`Aviso: no se pudo dejar compilado el código del servidor (${error.message}); el primer arranque lo compilará.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
