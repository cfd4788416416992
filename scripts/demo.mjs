// npm run demo: build if needed, migrate and seed the demo once (scripts/demo-prepare.ts, in a
// process of its own so that the server does not keep the seed's memory), print the accounts, serve.
import './check-node.mjs';
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './lib/build-if-needed.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
buildIfNeeded();
process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
// Without the server's heap limits (package.json): the seed needs more than a running server.
const prepared = spawnSync(process.execPath, ['scripts/demo-prepare.ts'], { stdio: 'inherit', env: process.env });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);
const { serve } = await import('./lib/serve.mjs');
await serve();
