// Opening and migrating the database from plain scripts, before the server is imported.
// drizzle's CJS build loads in ~70 ms against ~450 ms for its ESM build (STACK.md §3).
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export function databasePath() {
  return resolve(process.env.DATABASE_PATH ?? './data/aula.db');
}

export function removeDatabase(path = databasePath()) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/** Applies the committed migrations in db/migrations; returns how many ran. */
export function migrateDatabase(path = databasePath()) {
  const Database = require('better-sqlite3');
  const folder = resolve(process.env.MIGRATIONS_DIR ?? './db/migrations');
  mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  try {
    client.pragma('journal_mode = WAL');
    client.pragma('foreign_keys = ON');
    // Nothing to apply on most starts: drizzle's own test (the newest migration's timestamp) is
    // asked here, which spares loading drizzle's migrator (~100 ms of the first response).
    if (lastApplied(client) >= lastInFolder(folder)) return 0;
    const { drizzle } = require('drizzle-orm/better-sqlite3');
    const { migrate } = require('drizzle-orm/better-sqlite3/migrator');
    const before = countMigrations(client);
    migrate(drizzle({ client }), { migrationsFolder: folder });
    return countMigrations(client) - before;
  } finally {
    client.close();
  }
}

/** The `when` of the folder's newest migration, as drizzle-kit wrote it in meta/_journal.json. */
function lastInFolder(folder) {
  const { entries } = JSON.parse(readFileSync(resolve(folder, 'meta/_journal.json'), 'utf8'));
  return Math.max(...entries.map((e) => e.when));
}

/** The newest migration the database has (drizzle applies every one newer than it), or -1. */
function lastApplied(client) {
  if (!hasMigrationsTable(client)) return -1;
  const row = client.prepare('select max(created_at) as last from __drizzle_migrations').get();
  return row.last === null ? -1 : Number(row.last);
}

function hasMigrationsTable(client) {
  return Boolean(client.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get());
}

function countMigrations(client) {
  return hasMigrationsTable(client) ? client.prepare('select count(*) as n from __drizzle_migrations').get().n : 0;
}
