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

/** Opens the one SQLite file with the settings Aula relies on: WAL, foreign keys, busy timeout, temporary data in memory. */
export function openDatabase(path = databasePath(), options: { migrate?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const client = new Database(path);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  client.pragma('synchronous = NORMAL');
  // A statement that fires triggers (every write: src/lib/server/cache/change-versions.ts) keeps a
  // statement journal to undo itself alone; in a temporary file, that tripled the 5,000-person
  // import's transaction (0.35 → 1.6 s). In memory it costs what the triggers' writes cost.
  client.pragma('temp_store = MEMORY');
  reuseStatements(client);
  const db = drizzle({ client, schema });
  if (options.migrate) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

/** How many compiled statements a connection keeps; the app runs a few hundred distinct ones. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Drizzle asks better-sqlite3 to prepare every query it runs, and SQLite compiles the SQL each time:
 * a fifth of a roster page's CPU (docs/decisions/024-performance.md). The same SQL text gets the
 * same compiled statement back instead (least recently used beyond the cache's size), unless that
 * one is in the middle of an iteration. better-sqlite3 resets a statement after each run, so one
 * statement serves any number of callers in turn; drizzle switches `raw` on where it wants arrays,
 * and a statement handed out again starts with it off, as a new one would.
 */
function reuseStatements(client: Database.Database): void {
  const prepare = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    return statement;
  }) as typeof client.prepare;
}

/** A transaction handle; functions that may run inside a caller's transaction accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;
