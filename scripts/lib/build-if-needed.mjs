// `npm run demo` and `npm run bench` build only when dist/ is missing or older than the sources it
// is built from, and leave the server's code compiled as `npm run build` does.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hasCompiledCode } from './compile-cache-dir.mjs';

const SOURCES = ['src', 'content', 'db/schema', 'public', 'astro.config.mjs', 'package.json'];
const STAMP = 'dist/server/entry.mjs';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIfNeeded() {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestMtime));
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  const fresh = built > sources;
  if (!fresh) {
    console.log('Compilando el sitio (astro build)…');
    execFileSync('npx', ['astro', 'build'], { stdio: 'inherit', env });
  }
  // A build made by `astro build` alone (npm test makes one) has no compiled code yet.
  if (!fresh || !hasCompiledCode()) {
    execFileSync(process.execPath, ['scripts/warm-compile-cache.mjs'], { stdio: 'inherit', env });
  }
  return !fresh;
}
