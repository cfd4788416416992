// Where the server keeps V8's compiled code (scripts/lib/compile-cache.mjs), without turning the
// cache on: for the scripts that fill it or check it.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Next to the build it was made from, so that it goes wherever dist/ goes. */
export const COMPILE_CACHE_DIR = fileURLToPath(new URL('../../dist/compile-cache', import.meta.url));

/** The folder the server reads and writes its compiled code in; NODE_COMPILE_CACHE chooses another. */
export function compileCacheDir() {
  return process.env.NODE_COMPILE_CACHE || COMPILE_CACHE_DIR;
}

/** Whether the folder holds compiled code (a build made by `astro build` alone has none yet). */
export function hasCompiledCode() {
  return existsSync(compileCacheDir()) && readdirSync(compileCacheDir()).length > 0;
}
