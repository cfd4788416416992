import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Paths resolve from the working directory: `import.meta.url` differs in dev, tests and dist. */
export function databasePath(): string {
  return process.env.DATABASE_PATH ?? './data/aula.db';
}

export function migrationsFolder(): string {
  return resolve(process.env.MIGRATIONS_DIR ?? './db/migrations');
}

/** Opens the one SQLite file with the settings Aula relies on: WAL, foreign keys, busy timeout. */
export function openDatabase(path = databasePath(), options: { migrate?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma('synchronous = NORMAL');
  const db = drizzle({ client, schema });
  if (options.migrate) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

/** A transaction handle; functions that may run inside a caller's transaction accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
