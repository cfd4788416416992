// Where the server keeps V8's compiled code (scripts/lib/compile-cache.mjs), without turning the
// cache on: for the scripts that fill it or check it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Next to the build it was made from, so that it goes wherever dist/ goes. */
export const COMPILE_CACHE_DIR = fileURLToPath(new URL('../../dist/compile-cache', import.meta.url));

/** The folder the server reads and writes its compiled code in; NODE_COMPILE_CACHE chooses another. */
export function compileCacheDir() {
  return process.env.NODE_COMPILE_CACHE || COMPILE_CACHE_DIR;
}

const ENTRY = fileURLToPath(new URL('../../dist/server/entry.mjs', import.meta.url));
/** Which build the folder's code was compiled from: `astro build` leaves an older build's folder in place. */
const STAMP = 'build.sha256';

function buildHash() {
  return createHash('sha256').update(readFileSync(ENTRY)).digest('hex');
}

/** Whether the folder holds the compiled code of the build in dist/ (npm test builds with `astro build` alone). */
export function hasCompiledCode() {
  const stamp = join(compileCacheDir(), STAMP);
  return existsSync(ENTRY) && existsSync(stamp) && readFileSync(stamp, 'utf8') === buildHash();
}

/**
 * Removes what a build left in the folder: Node's own subfolders (one per Node version and
 * platform, `v24.21.0-x64-…`) and the stamp. Only those: NODE_COMPILE_CACHE may name a shared folder.
 */
export function clearCompiledCode() {
  const dir = compileCacheDir();
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === STAMP || /^v\d+\.\d+\.\d+-/.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** Marks the folder as holding the code of the build in dist/. */
export function markCompiledCode() {
  writeFileSync(join(compileCacheDir(), STAMP), buildHash());
}
