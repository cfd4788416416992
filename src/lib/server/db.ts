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
