import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';

/**
 * A name's key for lists ordered in SQL, so they read as Intl.Collator('es-MX') would order them:
 * case and accents aside (Á with A, Ó with O), but Ñ its own letter between N and O — it becomes
 * "n~", and "~" sorts after every letter. Search keeps its own folded text (search_text), where
 * "nunez" still finds Núñez and Ñúñez alike.
 */
export function buildSortKey(fullName: string): string {
  return fullName
    .normalize('NFD')
    .replace(/[nN]\u0303/g, 'n~')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fills the key of rows written before it existed (migration 0012 leaves them empty). Idempotent. */
export function fillMissingSortKeys(db: Db): number {
  const missing = db.select({ id: users.id, fullName: users.fullName }).from(users).where(eq(users.sortKey, '')).all();
  if (missing.length === 0) return 0;
  db.transaction(
    (tx) => {
      for (const row of missing)
        tx.update(users)
          .set({ sortKey: buildSortKey(row.fullName) })
          .where(eq(users.id, row.id))
          .run();
    },
    { behavior: 'immediate' },
  );
  return missing.length;
}
