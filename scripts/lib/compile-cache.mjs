// V8's compiled code for the server bundle, kept on disk between starts (node:module's compile
// cache): a restart skips parsing and compiling ~6 MB of JavaScript, ~60 ms of the time to the
// first response (docs/decisions/024-performance-at-default-settings.md). The cache follows each
// file's contents, so a new build is simply compiled again. NODE_COMPILE_CACHE chooses the folder
// (systemd: CacheDirectory, docs/operations.md); by default Node uses one under the system's tmp.
import { enableCompileCache } from 'node:module';

enableCompileCache();
