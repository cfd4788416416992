import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../scripts/lib/server-process.mjs';
import { expect, test } from './helpers.ts';

// After a build, scripts/warm-compile-cache.mjs (npm run build's second step) leaves V8's compiled
// code for the server next to it, so that the first start reads it instead of compiling (issue 17:
// the first response after a start). Here into a folder of the test's own (NODE_COMPILE_CACHE), so
// that the build the other tests use keeps its own.

const NODE = resolve('node_modules/.bin/node');

test('the build leaves the server’s code compiled, and the first start uses it', async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'aula-prueba-compilado-'));
  const cache = join(dir, 'compilado');
  try {
    // NODE_COMPILE_CACHE may name a folder shared with other programs: only Node's entries go.
    mkdirSync(cache);
    writeFileSync(join(cache, 'ajeno.txt'), 'de otro programa');
    execFileSync(NODE, ['scripts/warm-compile-cache.mjs'], { env: { ...process.env, NODE_COMPILE_CACHE: cache }, stdio: 'pipe' });
    execFileSync(NODE, ['scripts/warm-compile-cache.mjs'], { env: { ...process.env, NODE_COMPILE_CACHE: cache }, stdio: 'pipe' });
    expect(readdirSync(cache)).toContain('ajeno.txt');
    expect(readdirSync(cache).filter((name) => name.startsWith('v')).length).toBeGreaterThan(0);
    // Marked with the build it belongs to: `astro build` alone leaves an older build's folder behind.
    const entry = createHash('sha256').update(readFileSync('dist/server/entry.mjs')).digest('hex');
    expect(readFileSync(join(cache, 'build.sha256'), 'utf8')).toBe(entry);

    // Node says, for each module, whether V8 accepted the code it found.
    const port = await freePort();
    const child = spawn(NODE, ['scripts/start.mjs'], {
      env: {
        ...process.env,
        NODE_COMPILE_CACHE: cache,
        NODE_DEBUG_NATIVE: 'COMPILE_CACHE',
        DATABASE_PATH: join(dir, 'aula.db'),
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status, { timeout: 20_000 })
        .toBe(200);
      expect(output).toMatch(/code cache for ESM file:\/\/\S+\/dist\/server\/entry\.mjs was accepted/);
      expect(output).not.toMatch(/dist\/server\/\S+ was rejected/);
    } finally {
      // It writes what it compiled as it exits: let it, before its folder goes.
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
