import { inArray } from 'drizzle-orm';
import { users } from '../db/schema/index.ts';
import type { Db } from '../src/lib/server/db.ts';

/** Resets the demo accounts' password (only used by `npm run demo` with AULA_DEMO_PASSWORD). */
export function setDemoPasswords(db: Db, passwordHash: string, emails: string[]): void {
  db.update(users).set({ passwordHash, updatedAt: new Date() }).where(inArray(users.email, emails)).run();
}
