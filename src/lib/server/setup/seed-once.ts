import { count, eq } from 'drizzle-orm';
import { seedRuns, users } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';

/**
 * Runs a seed once per database: in one transaction with the marker that records it, so a seed
 * that fails leaves neither marker nor half its data, and two runs at once seed once. Returns
 * false, running nothing, when the marker is there, or when the database already holds people
 * (a database in use, or one seeded before markers existed): a seed never writes over real data.
 * The seed runs on the same connection, so its own transactions nest inside this one.
 */
export function seedOnce(db: Db, name: string, seed: () => void, now = new Date()): boolean {
  return db.transaction(
    (tx) => {
      if (tx.select({ name: seedRuns.name }).from(seedRuns).where(eq(seedRuns.name, name)).get()) return false;
      if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return false;
      tx.insert(seedRuns).values({ name, ranAt: now }).run();
      seed();
      return true;
    },
    { behavior: 'immediate' },
  );
}
