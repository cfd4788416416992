import { randomUUID } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { checkHealth } from '../../src/lib/server/health/check-health.ts';
import { createTestDb } from '../db.ts';
import { VITEST_TMP } from '../setup/paths.ts';

const JOURNAL = 'db/migrations/meta/_journal.json';
const entries = (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: { tag: string }[] }).entries;
const lastTag = entries.at(-1)?.tag;

describe('checkHealth', () => {
  it('is ok on a database with every migration applied', () => {
    const report = checkHealth(createTestDb(), 'db/migrations');
    expect(report).toEqual({
      status: 'ok',
      database: 'ok',
      migrations: { state: 'al día', applied: entries.length, total: entries.length, pending: [] },
    });
  });

  it('names the pending migration on a database that lacks the last one', () => {
    // The checkout before its last migration: same files, the journal one entry shorter.
    const older = `${VITEST_TMP}/migrations-${randomUUID()}`;
    cpSync('db/migrations', older, { recursive: true });
    writeFileSync(
      `${older}/meta/_journal.json`,
      JSON.stringify({ ...JSON.parse(readFileSync(JOURNAL, 'utf8')), entries: entries.slice(0, -1) }),
    );
    const db = openDatabase(`${VITEST_TMP}/${randomUUID()}.db`);
    migrate(db, { migrationsFolder: older });

    const report = checkHealth(db, 'db/migrations');
    expect(report.status).toBe('error');
    expect(report.database).toBe('ok');
    expect(report.migrations).toEqual({ state: 'pendientes', applied: entries.length - 1, total: entries.length, pending: [lastTag] });
  });

  it('reports every migration pending on an empty database', () => {
    const report = checkHealth(openDatabase(`${VITEST_TMP}/${randomUUID()}.db`), 'db/migrations');
    expect(report.status).toBe('error');
    expect(report.migrations.pending).toEqual(entries.map((entry) => entry.tag));
  });

  it('reports the database as failing when a query does not answer, without the error text', () => {
    const db = createTestDb();
    db.$client.close();
    const report = checkHealth(db, 'db/migrations');
    expect(report).toEqual({
      status: 'error',
      database: 'error',
      migrations: { state: 'desconocido', applied: null, total: entries.length, pending: [] },
    });
  });
});
