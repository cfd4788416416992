import { mkdirSync, rmSync } from 'node:fs';
import { openDatabase } from '../../db/connection.ts';
import { BASE_DB, VITEST_TMP } from './paths.ts';

/** Migrates one base database with the real migrations; each test file copies it (STYLE.md §7). */
export default function setup(): () => void {
  rmSync(VITEST_TMP, { recursive: true, force: true });
  mkdirSync(VITEST_TMP, { recursive: true });
  const db = openDatabase(BASE_DB, { migrate: true });
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.pragma('journal_mode = DELETE');
  db.$client.close();
  return () => {};
}
