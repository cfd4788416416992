import { eq } from 'drizzle-orm';
import { users } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';

/** The learner's name for an instructor's view of an attempt. */
export function getUserName(db: Executor, userId: number): string {
  return db.select({ name: users.fullName }).from(users).where(eq(users.id, userId)).get()?.name ?? '';
}
