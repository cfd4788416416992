import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { type Role, sessions, userRoles, users } from '../../../../db/schema/index.ts';
import type { Db, Executor } from '../db.ts';
import { preparedOnce } from '../prepared.ts';

/** Sessions as the Lucia guide builds them (docs/decisions/001-sessions-without-lucia.md). */
export const SESSION_COOKIE = 'aula_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session is extended to a full 30 days when fewer than 15 remain (sliding expiry). */
const SESSION_RENEW_THRESHOLD_MS = 15 * DAY_MS;

export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this hash is stored: a leaked database does not leak usable tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface Session {
  id: string;
  userId: number;
  expiresAt: Date;
}

export interface SessionUser {
  id: number;
  fullName: string;
  email: string;
  roles: Role[];
}

export function createSession(db: Executor, token: string, userId: number, now = new Date()): Session {
  const session: Session = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  };
  db.insert(sessions)
    .values({ ...session, createdAt: now })
    .run();
  return session;
}

export type SessionValidation =
  | { session: Session; user: SessionUser; renewed: boolean; renewalDue: boolean }
  | { session: null; user: null; renewed: false; renewalDue: false };

const NO_SESSION = { session: null, user: null, renewed: false, renewalDue: false } as const;

/** Validation runs on every request: its statement is prepared once per connection. */
const sessionQuery = preparedOnce((db) =>
  db
    .select({
      expiresAt: sessions.expiresAt,
      userId: users.id,
      fullName: users.fullName,
      email: users.email,
      roles: sql<string | null>`(${db
        .select({ roles: sql`group_concat(${userRoles.role})` })
        .from(userRoles)
        .where(eq(userRoles.userId, users.id))})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .prepare(),
);

/**
 * The session and its person, or nulls. A session due for renewal is extended here (the caller
 * sends the new cookie) unless `renew` is false: then it is only reported as `renewalDue`, for a
 * caller that cannot send a cookie (shell/shell-routes.ts answers outside Astro).
 */
export function validateSessionToken(db: Db, token: string, now = new Date(), { renew = true } = {}): SessionValidation {
  const id = hashToken(token);
  const row = sessionQuery(db).get({ id });
  if (!row) return NO_SESSION;
  if (now.getTime() >= row.expiresAt.getTime()) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return NO_SESSION;
  }
  const session: Session = { id, userId: row.userId, expiresAt: row.expiresAt };
  const renewalDue = now.getTime() >= row.expiresAt.getTime() - SESSION_RENEW_THRESHOLD_MS;
  const renewed = renewalDue && renew;
  if (renewed) {
    session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
  }
  const roles = row.roles ? (row.roles.split(',') as Role[]) : [];
  return { session, user: { id: row.userId, fullName: row.fullName, email: row.email, roles }, renewed, renewalDue: renewalDue && !renew };
}

export function invalidateSession(db: Executor, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a person: after a password change, everywhere is signed out. */
export function invalidateUserSessions(db: Executor, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
