import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { type Db, openDatabase } from '../db/connection.ts';
import { BASE_DB, VITEST_TMP } from './setup/paths.ts';

/** A real SQLite file with the real migrations, private to the caller: copying beats cleaning up. */
export function createTestDb(): Db {
  const path = `${VITEST_TMP}/${randomUUID()}.db`;
  copyFileSync(BASE_DB, path);
  return openDatabase(path);
}
