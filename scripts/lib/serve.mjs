// Aula's HTTP server: static files from memory, everything else to Astro's SSR handler.
// @astrojs/node's standalone server checks the disk (fs.stat) for a static file before every
// request, pages included; with the adapter in middleware mode, this server answers static
// files from a table built at start and sends only the rest to Astro (docs/decisions/006).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import http from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createRequestLog } from './request-log.mjs';
import { returnFreedMemory } from './return-freed-memory.mjs';
import { closeServer, trackRequests } from './shutdown.mjs';

const TYPES = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};
const COMPRESSIBLE = new Set(['.css', '.js', '.mjs', '.json', '.webmanifest', '.svg', '.txt', '.vtt', '.html']);
/** Browsers must see a new service worker or manifest at once (docs/decisions/023-offline-lessons.md). */
const REVALIDATED = new Set(['/sw.js', '/manifest.webmanifest']);
/** How long a stop waits for requests in flight; systemd's TimeoutStopSec (90 s) is well above it. */
const GRACE_MS = 10_000;
/** Larger files (videos) are streamed from disk instead of held in memory. */
const IN_MEMORY_MAX = 1024 * 1024;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

/** Every file under dist/client, keyed by its URL path, with its headers; the gzip variant comes on first request. */
export function loadStaticFiles(root) {
  const files = new Map();
  for (const path of walk(root)) {
    const url = `/${relative(root, path).split(sep).join('/')}`;
    // Lesson bodies rendered at build time are read by the lesson page, never served as files:
    // they must stay behind sign-in and enrollment (src/lib/server/course/lesson-html.ts).
    if (url.startsWith('/lesson-html/')) continue;
    const ext = extname(path).toLowerCase();
    const size = statSync(path).size;
    const immutable = url.startsWith('/_astro/');
    const headers = {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : REVALIDATED.has(url) ? 'no-cache' : 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    };
    if (size > IN_MEMORY_MAX) {
      files.set(url, { path, size, headers });
      continue;
    }
    const body = readFileSync(path);
    const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
    // Compressed on first request (gzipVariant), not here: level 9 for every file held up the first response.
    files.set(url, { body, gzip: COMPRESSIBLE.has(ext) && size > 512 ? undefined : null, etag, headers });
  }
  return files;
}

/** A file's gzip variant, made once on its first request; null when gzip would not make it smaller. */
function gzipVariant(file) {
  if (file.gzip === undefined) {
    const gzip = gzipSync(file.body, { level: 9 });
    file.gzip = gzip.length < file.body.length ? gzip : null;
  }
  return file.gzip;
}

function sendStatic(req, res, file) {
  if (!file.body) {
    res.writeHead(200, { ...file.headers, 'Content-Length': file.size });
    if (req.method === 'HEAD') return res.end();
    return createReadStream(file.path).pipe(res);
  }
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { ETag: file.etag, 'Cache-Control': file.headers['Cache-Control'] });
    return res.end();
  }
  const variant = gzipVariant(file);
  const gzip = variant && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? variant : file.body;
  res.writeHead(200, {
    ...file.headers,
    ETag: file.etag,
    'Content-Length': body.length,
    ...(variant ? { Vary: 'Accept-Encoding' } : {}),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Left on globalThis by the Astro bundle (src/lib/server/http/direct-answer.ts) once it has loaded. */
const DIRECT_ANSWER = Symbol.for('aula.directAnswer');

function sendAnswer(res, { headers, body }) {
  res.writeHead(200, headers);
  res.end(body);
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

function refuseLargeBody(res) {
  res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end('El archivo o formulario enviado pasa de 8 MB, el máximo que Aula recibe.\n');
}

/** Starts the server on HOST:PORT (localhost:4321) and resolves once it listens. */
export async function serve({ host = process.env.HOST ?? 'localhost', port = Number(process.env.PORT ?? 4321), dist = 'dist' } = {}) {
  // Libraries outside the bundle (React's server renderer among them) load their production builds.
  process.env.NODE_ENV ??= 'production';
  const { handler } = await import(pathToFileURL(resolve(dist, 'server/entry.mjs')).href);
  const files = loadStaticFiles(resolve(dist, 'client'));
  const log = createRequestLog();
  const memory = returnFreedMemory();
  const server = http.createServer((req, res) => {
    memory.served();
    const end = req.url.indexOf('?');
    const path = end === -1 ? req.url : req.url.slice(0, end);
    const file = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    if (file) {
      log.start(req, res, { staticFile: true });
      return sendStatic(req, res, file);
    }
    // src/middleware.ts fills these locals in (the route and the signed-in person) for the log line.
    const locals = log.start(req, res);
    // Astro reads a whole body into memory before any page or action can refuse it: the largest
    // form Aula takes is a 4 MB CSV or a 2 MB question bank, so anything declared larger is refused
    // here. (A chunked body has no length to check: the reverse proxy's limit covers it,
    // docs/operations.md.)
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuseLargeBody(res);
    // A page whose shell is made, or a kept view, is answered without Astro; anything else, or any doubt, goes to it.
    const direct = globalThis[DIRECT_ANSWER];
    if (direct && req.method === 'GET' && direct.claims(path, end !== -1)) {
      return direct.answer(req, locals).then(
        (answer) => (answer ? sendAnswer(res, answer) : handler(req, res, undefined, locals)),
        (error) => {
          log.logger.error({ err: error }, 'directAnswer failed; Astro answers the request');
          handler(req, res, undefined, locals);
        },
      );
    }
    // No `next` callback: for a path no route matches, Astro renders src/pages/404.astro itself.
    handler(req, res, undefined, locals);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  trackRequests(server);
  console.log(`Aula escucha en http://${host}:${port}`);
  let stopping = false;
  const stop = async (signal) => {
    // A second signal (Ctrl-C twice) means do not wait.
    if (stopping) process.exit(1);
    stopping = true;
    memory.stop();
    console.log(`${signal}: Aula deja de aceptar conexiones y termina las solicitudes en curso (hasta ${GRACE_MS / 1000} s).`);
    const { cut } = await closeServer(server, { graceMs: GRACE_MS });
    if (cut > 0) console.warn(`Se cortaron ${cut} solicitudes que no terminaron a tiempo.`);
    // The database lives inside the Astro bundle (src/lib/server/db.ts), which leaves its closer here.
    globalThis[Symbol.for('aula.closeDatabase')]?.();
    log.flush();
    console.log('Aula se detuvo.');
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return server;
}
