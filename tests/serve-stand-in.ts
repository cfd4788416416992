import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VITEST_TMP } from './setup/paths.ts';

/**
 * scripts/lib/serve.mjs started in a child process over a stand-in for dist/: `entry` is the
 * source of dist/server/entry.mjs (an SSR handler), `files` go under dist/client. The real build
 * is not needed to test the server's own wiring. Resolves once it listens.
 */
export async function startServeWithStandIn(
  entry: string,
  { files = {}, env = {} }: { files?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<{ port: number; output: () => string; exited: Promise<number | null>; stop: () => void }> {
  const dist = `${VITEST_TMP}/dist-${randomUUID()}`;
  mkdirSync(`${dist}/server`, { recursive: true });
  mkdirSync(`${dist}/client`, { recursive: true });
  writeFileSync(`${dist}/server/entry.mjs`, entry);
  for (const [name, text] of Object.entries(files)) writeFileSync(`${dist}/client/${name}`, text);
  const probe = http.createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((ok) => probe.close(ok));

  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { serve } from './scripts/lib/serve.mjs'; await serve({ host: '127.0.0.1', port: ${port}, dist: '${dist}' });`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  while (!output.includes('escucha')) await new Promise((r) => setTimeout(r, 20));
  return { port, output: () => output, exited, stop: () => child.kill('SIGTERM') };
}
