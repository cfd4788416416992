// npm run demo: build if needed, migrate and seed the demo once, print the accounts (all of it in
// scripts/demo-prepare.ts, a process of its own, so that the server keeps none of its memory), serve.
import './check-node.mjs';
import { spawnSync } from 'node:child_process';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
// Without the server's heap limits (package.json): the seed needs more than a running server.
const prepared = spawnSync(process.execPath, ['scripts/demo-prepare.ts'], { stdio: 'inherit', env: process.env });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
await import('./lib/compile-cache.mjs');
const { serve } = await import('./lib/serve.mjs');
await serve();
