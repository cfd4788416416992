// The server as `npm start` runs it, in a child process: the benchmark measures it this way and
// the build starts it once to leave its code compiled (scripts/warm-compile-cache.mjs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A port the kernel reports free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function healthStatus(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/**
 * The environment variables and Node options `npm start` gives the server (package.json:
 * `NAME=value node --option … scripts/start.mjs`), so that the benchmark runs what production runs.
 */
export function startCommand(root) {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const words = scripts.start.split(/\s+/);
  const env = Object.fromEntries(words.slice(0, words.indexOf('node')).map((word) => word.split('=')));
  return { env, options: words.filter((word) => word.startsWith('--')) };
}

/**
 * Spawns `node scripts/start.mjs` (Node 24 from node_modules, with npm start's options) in `root` and
 * polls /api/health every few milliseconds; resolves with the child and the time from spawn to the first 200.
 */
export async function startServer({ root, databasePath, port, timeoutMs = 30_000 }) {
  const logs = [];
  const start = startCommand(root);
  const env = {
    ...process.env,
    ...start.env,
    DATABASE_PATH: databasePath,
    HOST: '127.0.0.1',
    PORT: String(port),
    AULA_INSECURE_COOKIES: '1',
  };
  delete env.RESET_DB;
  const started = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/node'), [...start.options, 'scripts/start.mjs'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => logs.push(String(chunk)));
  while ((await healthStatus(port)) !== 200) {
    const failure = exited
      ? `El servidor terminó antes de responder (${JSON.stringify(exited)})`
      : performance.now() - started > timeoutMs && `El servidor no respondió en ${timeoutMs} ms`;
    if (failure) {
      await stopServer(child);
      throw new Error(`${failure}:\n${logs.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  return {
    child,
    firstResponseMs: performance.now() - started,
    /** How the server exited (null while it runs) and the end of what it printed. */
    report: () =>
      `${exited ? `El servidor terminó (${JSON.stringify(exited)}). ` : ''}Lo último que imprimió el servidor:\n${logs.join('').slice(-3000) || '(nada)'}`,
  };
}

/** SIGTERM to the server's own process, then SIGKILL if it has not exited within `graceMs`. */
export async function stopServer(child, graceMs = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
