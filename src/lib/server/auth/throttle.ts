import { eq } from 'drizzle-orm';
import { signInThrottles } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';

/**
 * Throttles failed sign-ins per account and per address. Keys use the typed email whether or
 * not an account exists, so the answer never reveals which emails are registered.
 */
export const THROTTLE_RULES = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const;

/**
 * Requests for a password-reset link, counted per typed email and per address whether or not an
 * account exists: a few links an hour is plenty for a person, and too few to flood a mailbox.
 */
export const RESET_THROTTLE_RULES = {
  account: { maxFailures: 3, windowMs: 60 * 60_000, lockMs: 60 * 60_000 },
  address: { maxFailures: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 },
} as const;

type Scope = keyof typeof THROTTLE_RULES;
type Rules = Record<Scope, { maxFailures: number; windowMs: number; lockMs: number }>;

export function throttleKeys(email: string, address: string): Record<Scope, string> {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

/** Keys of the reset-link counters, apart from the sign-in ones so neither spends the other. */
export function resetThrottleKeys(email: string, address: string): Record<Scope, string> {
  return { account: `reset:account:${email.trim().toLowerCase()}`, address: `reset:address:${address}` };
}

/** When a key is locked, the instant it opens again; otherwise null. */
export function getLockedUntil(db: Db, keys: Record<Scope, string>, now = new Date()): Date | null {
  let latest: Date | null = null;
  for (const key of Object.values(keys)) {
    const row = db.select({ lockedUntil: signInThrottles.lockedUntil }).from(signInThrottles).where(eq(signInThrottles.key, key)).get();
    if (row?.lockedUntil && row.lockedUntil > now && (!latest || row.lockedUntil > latest)) latest = row.lockedUntil;
  }
  return latest;
}

export function recordFailedSignIn(db: Db, keys: Record<Scope, string>, now = new Date()): void {
  recordAttempt(db, keys, THROTTLE_RULES, now);
}

/** Counts one attempt against each key under `rules`, locking a key that reaches its maximum. */
export function recordAttempt(db: Db, keys: Record<Scope, string>, rules: Rules, now = new Date()): void {
  db.transaction((tx) => {
    for (const scope of Object.keys(keys) as Scope[]) {
      const rule = rules[scope];
      const key = keys[scope];
      const row = tx.select().from(signInThrottles).where(eq(signInThrottles.key, key)).get();
      const windowExpired = !row || now.getTime() - row.windowStartedAt.getTime() > rule.windowMs;
      const failures = windowExpired ? 1 : row.failures + 1;
      const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
      tx.insert(signInThrottles)
        .values({ key, failures, windowStartedAt: windowExpired ? now : row.windowStartedAt, lockedUntil })
        .onConflictDoUpdate({
          target: signInThrottles.key,
          set: { failures, windowStartedAt: windowExpired ? now : row.windowStartedAt, lockedUntil },
        })
        .run();
    }
  });
}

/** A successful sign-in clears the account's counter; the address keeps its own. */
export function clearAccountThrottle(db: Db, keys: Record<Scope, string>): void {
  db.delete(signInThrottles).where(eq(signInThrottles.key, keys.account)).run();
}
