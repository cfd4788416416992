import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder } from '../../../../db/connection.ts';
import type { Db } from '../db.ts';

/**
 * What /api/health reports to a monitor: whether a query answers and whether every migration in
 * the journal has run. No paths, versions or error messages: the route is public.
 */
export function checkHealth(db: Db, migrationsDir: string = migrationsFolder()): HealthReport {
  let database: HealthReport['database'] = 'ok';
  let applied: number | null = null;
  try {
    db.get(sql`select 1`);
    applied = lastAppliedMigration(db);
  } catch {
    database = 'error';
  }
  const journal = readJournal(migrationsDir);
  // drizzle's migrator runs every journal entry newer than the newest one it recorded; so do we.
  const pending =
    applied === null ? journal.map((entry) => entry.tag) : journal.filter((entry) => entry.when > applied).map((entry) => entry.tag);
  const migrations: HealthReport['migrations'] =
    database === 'error'
      ? { state: 'desconocido', applied: null, total: journal.length, pending: [] }
      : { state: pending.length === 0 ? 'al día' : 'pendientes', applied: journal.length - pending.length, total: journal.length, pending };
  const healthy = database === 'ok' && pending.length === 0;
  return { status: healthy ? 'ok' : 'error', database, migrations };
}

/** The `created_at` of the newest recorded migration (drizzle stores the journal's `when`), or null. */
function lastAppliedMigration(db: Db): number | null {
  const table = db.get<{ name: string } | undefined>(
    sql`select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  );
  if (!table) return null;
  const row = db.get<{ last: number | null }>(sql`select max(cast(created_at as integer)) as last from __drizzle_migrations`);
  return row.last ?? null;
}

function readJournal(migrationsDir: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

type JournalEntry = { tag: string; when: number };

export type HealthReport = {
  status: 'ok' | 'error';
  database: 'ok' | 'error';
  migrations: {
    state: 'al día' | 'pendientes' | 'desconocido';
    applied: number | null;
    total: number;
    pending: string[];
  };
};
