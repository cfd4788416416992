import { type Db, openDatabase } from '../../../db/connection.ts';

export type { Db, Executor, Tx } from '../../../db/connection.ts';

let instance: Db | undefined;

/**
 * The server's one connection. `scripts/start.mjs` migrates before the server listens; in
 * `astro dev` nothing else does, so dev migrates on open.
 */
export function getDb(): Db {
  instance ??= openDatabase(undefined, { migrate: import.meta.env.DEV });
  return instance;
}

/**
 * Folds the write-ahead log back into the file, then closes it: a stopped server leaves one
 * self-contained file that a plain copy can back up.
 */
export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

// scripts/lib/serve.mjs runs outside the Astro bundle and cannot import this module; on SIGTERM
// it calls the closer left here. Nothing is registered until a request first loads this module.
(globalThis as Record<symbol, unknown>)[Symbol.for('aula.closeDatabase')] = (): void => {
  if (instance) closeDatabase(instance);
  instance = undefined;
};
