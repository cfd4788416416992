import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Seeds that have run on this database, one row each (`demo` for `npm run demo`), written in the
 * same transaction as the seed: the marker, not the presence of some account, says it ran.
 */
export const seedRuns = sqliteTable('seed_runs', {
  name: text('name').primaryKey(),
  ranAt: integer('ran_at', { mode: 'timestamp_ms' }).notNull(),
});
