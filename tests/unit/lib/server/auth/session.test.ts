import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { sessions } from '../../../../../db/schema/index.ts';
import {
  createSession,
  generateToken,
  hashToken,
  invalidateSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from '../../../../../src/lib/server/auth/session.ts';
import type { Db } from '../../../../../src/lib/server/db.ts';
import { createTestDb } from '../../../../db.ts';
import { insertPerson } from '../../../../factories.ts';

const DAY = 24 * 60 * 60 * 1000;
let db: Db;
let userId: number;

beforeEach(() => {
  db = createTestDb();
  userId = insertPerson(db, { roles: ['inspector', 'instructor'] }).id;
});

describe('session lifecycle', () => {
  test('a token is 32 base32 characters of fresh randomness', () => {
    const a = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(generateToken()).not.toBe(a);
  });

  test('stores only the SHA-256 of the token, never the token', () => {
    const token = generateToken();
    createSession(db, token, userId);
    const stored = db.select().from(sessions).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  test('validates a fresh session and returns the person with their roles', () => {
    const token = generateToken();
    const now = new Date('2026-11-23T12:00:00Z');
    createSession(db, token, userId, now);
    const result = validateSessionToken(db, token, new Date(now.getTime() + 1000));
    expect(result.user?.id).toBe(userId);
    expect(result.user?.roles.sort()).toEqual(['inspector', 'instructor']);
    expect(result.renewed).toBe(false);
  });

  test('slides: with fewer than 15 days left, the expiry moves to 30 days from now', () => {
    const token = generateToken();
    const start = new Date('2026-11-01T00:00:00Z');
    createSession(db, token, userId, start);
    const later = new Date(start.getTime() + 20 * DAY);
    const result = validateSessionToken(db, token, later);
    expect(result.renewed).toBe(true);
    expect(result.session?.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    const row = db
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(token)))
      .get();
    expect(row?.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
  });

  test('without renewing, a session due for renewal is reported and left as it was', () => {
    const token = generateToken();
    const start = new Date('2026-11-01T00:00:00Z');
    createSession(db, token, userId, start);
    const expiry = () =>
      db
        .select()
        .from(sessions)
        .where(eq(sessions.id, hashToken(token)))
        .get()
        ?.expiresAt.getTime();
    const before = expiry();
    const early = validateSessionToken(db, token, new Date(start.getTime() + DAY), { renew: false });
    expect(early).toMatchObject({ renewed: false, renewalDue: false, user: { id: userId } });
    const due = validateSessionToken(db, token, new Date(start.getTime() + 20 * DAY), { renew: false });
    expect(due).toMatchObject({ renewed: false, renewalDue: true, user: { id: userId } });
    expect(expiry()).toBe(before);
    // The next validation that may renew does.
    expect(validateSessionToken(db, token, new Date(start.getTime() + 20 * DAY)).renewed).toBe(true);
  });

  test('expires after 30 days without use, and the expired row is deleted', () => {
    const token = generateToken();
    const start = new Date('2026-11-01T00:00:00Z');
    createSession(db, token, userId, start);
    const result = validateSessionToken(db, token, new Date(start.getTime() + 30 * DAY));
    expect(result.session).toBeNull();
    expect(db.select().from(sessions).all()).toHaveLength(0);
  });

  test('an unknown token is refused', () => {
    expect(validateSessionToken(db, generateToken()).user).toBeNull();
  });

  test('ends one session on sign-out and every session of a person on password change', () => {
    const first = generateToken();
    const second = generateToken();
    const s1 = createSession(db, first, userId);
    createSession(db, second, userId);
    invalidateSession(db, s1.id);
    expect(validateSessionToken(db, first).session).toBeNull();
    expect(validateSessionToken(db, second).session).not.toBeNull();
    invalidateUserSessions(db, userId);
    expect(validateSessionToken(db, second).session).toBeNull();
  });
});
