// The server under test, as a child process started as in production (../lib/server-process.mjs),
// copied so that a rebuild cannot pull chunks from under it, and watched through /proc.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export { freePort, startCommand, startServer, stopServer } from '../lib/server-process.mjs';

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
      for (const path of [
        'dist',
        'db/migrations',
        'scripts/start.mjs',
        'scripts/warm-compile-cache.mjs',
        'scripts/check-node.mjs',
        'scripts/lib',
        'package.json',
      ]) {
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
