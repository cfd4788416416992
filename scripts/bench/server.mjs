// The server under test: started as a child process exactly as in production (scripts/start.mjs),
// timed to its first 200 from /api/health, watched through /proc, and stopped by its own pid.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const ENTRY = 'dist/server/entry.mjs';

/**
 * Copies what `scripts/start.mjs` needs (dist/, the migrations, the start scripts; node_modules is
 * linked) into `dir`, so that a rebuild of dist/ during the measurement (npm test, npm run build
 * in another terminal) cannot pull chunks from under the running server. Returns the copy's root.
 */
export async function snapshotApp(dir, timeoutMs = 120_000) {
  const root = join(dir, 'app');
  const stamp = () => existsSync(ENTRY) && statSync(ENTRY).mtimeMs;
  const started = performance.now();
  while (true) {
    const before = stamp();
    if (before) {
      rmSync(root, { recursive: true, force: true });
      for (const path of ['dist', 'db/migrations', 'scripts/start.mjs', 'scripts/check-node.mjs', 'scripts/lib', 'package.json']) {
        cpSync(path, join(root, path), { recursive: true });
      }
      if (before === stamp()) break;
    }
    if (performance.now() - started > timeoutMs) throw new Error('dist/ no dejó de cambiar (¿otra compilación en curso?).');
    console.log('dist/ está cambiando (otra compilación en curso); se espera a que termine…');
    await new Promise((r) => setTimeout(r, 2000));
  }
  mkdirSync(root, { recursive: true });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

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
 * `compileCache` is the folder for V8's compiled code (scripts/lib/compile-cache.mjs).
 */
export async function startServer({ root, databasePath, port, compileCache, timeoutMs = 30_000 }) {
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
  if (compileCache) env.NODE_COMPILE_CACHE = compileCache;
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

/** Resident set size of a process, in MB (VmRSS in /proc/<pid>/status is in kB). */
export function readRssMb(pid) {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

let ticksPerSecond;
/** User + system CPU time a process has used, in seconds (/proc/<pid>/stat fields 14 and 15). */
export function readCpuSeconds(pid) {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** CPU time used by the whole machine (all cores, every process), in seconds, from /proc/stat. */
export function readMachineCpuSeconds() {
  readCpuSeconds(process.pid); // sets ticksPerSecond
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / ticksPerSecond;
}

/** Samples a process's RSS every `intervalMs`; `mark()` starts a new window for per-page peaks. */
export function sampleRss(pid, intervalMs = 50) {
  let peak = 0;
  let windowPeak = 0;
  const sample = () => {
    try {
      const mb = readRssMb(pid);
      peak = Math.max(peak, mb);
      windowPeak = Math.max(windowPeak, mb);
    } catch {
      // The process is gone; the caller notices on its own.
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    mark() {
      const value = windowPeak;
      windowPeak = 0;
      sample();
      return value;
    },
    stop() {
      sample();
      clearInterval(timer);
      return peak;
    },
  };
}
