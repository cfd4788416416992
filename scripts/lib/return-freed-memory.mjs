// Gives back to the system the memory glibc's malloc keeps after it has been freed.
// V8's compilers, zlib and SQLite allocate through malloc, and glibc returns freed memory only from
// the top of its heap: after a burst of load ~34 MB stayed resident though free, and one call to
// malloc_trim(0) gave them back (docs/decisions/024, seventh pass). malloc_trim is glibc's own, so
// it is called through koffi (a C FFI shipped with prebuilt binaries); on another C library, or if
// koffi does not load, nothing is trimmed and the server runs as before.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** glibc's malloc_trim as a function of no arguments, or null where it cannot be called. */
export function loadMallocTrim() {
  if (process.platform !== 'linux') return null;
  try {
    const koffi = require('koffi');
    const mallocTrim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)');
    return () => mallocTrim(0);
  } catch {
    return null;
  }
}

/**
 * Trims every `everyMs` while the server is answering: `served()` marks activity (once per
 * request), and a tick with none since the last one does nothing, so an idle server is left
 * alone. malloc_trim (`load`) is looked up on the first tick that needs it, never during start-up.
 */
export function returnFreedMemory({ everyMs = 1000, load = loadMallocTrim } = {}) {
  let busy = false;
  let trim;
  let trims = 0;
  const timer = setInterval(() => {
    if (!busy) return;
    busy = false;
    if (trim === undefined) trim = load();
    if (!trim) return clearInterval(timer);
    trim();
    trims += 1;
  }, everyMs);
  timer.unref();
  return {
    served() {
      busy = true;
    },
    /** How many times memory was trimmed (for tests). */
    get trims() {
      return trims;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
