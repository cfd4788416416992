// V8's compiled code for the server, kept on disk (node:module's compile cache): a start with it
// skips parsing and compiling ~6 MB of JavaScript, ~80 ms of the time to the first response
// (docs/decisions/024-performance-at-default-settings.md). It lives next to the build it was made
// from, dist/compile-cache, which `npm run build` fills (scripts/warm-compile-cache.mjs), so the
// first start after a build finds its code compiled; portable, so a copied or moved installation
// keeps it. Entries follow each file's contents: code from a new build is simply compiled again.
// Imported first by the server's entry scripts, so that what they load next is cached too.
import { enableCompileCache } from 'node:module';
import { compileCacheDir } from './compile-cache-dir.mjs';

enableCompileCache({ directory: compileCacheDir(), portable: true });
