// @astrojs/node imports `send` (with mime-types and mime-db) for its static-file handler, which
// Aula never reaches: scripts/lib/serve.mjs answers static files itself (docs/decisions/006).
// Loading them at start was ~35 ms of the first response; astro.config.mjs points the bundle's
// `send` here, and the real one is required the first time it is called, if ever.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Send = (...args: unknown[]) => unknown;
let send: Send | undefined;

export default function sendOnDemand(...args: unknown[]): unknown {
  send ??= require('send') as Send;
  return send(...args);
}
