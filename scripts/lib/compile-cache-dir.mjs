// Where the server keeps V8's compiled code (scripts/lib/compile-cache.mjs), without turning the
// cache on: for the scripts that fill it or check it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Marks the folder as holding the code of the build in dist/. */
export function markCompiledCode() {
  writeFileSync(join(compileCacheDir(), STAMP), buildHash());
}
