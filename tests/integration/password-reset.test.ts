import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, invitations, outbox, signInThrottles, users } from '../../db/schema/index.ts';
import { acceptInvitation, issueInvitation } from '../../src/lib/server/accounts/invitations.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { RESET_LINK_LIFETIME_MS, requestPasswordReset, resetPassword } from '../../src/lib/server/auth/password-reset.ts';
import { createSession, generateToken, hashToken, validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
const BASE_URL = 'https://aula.example.mx';
const NOW = new Date('2026-11-23T16:00:00Z');
let oldHash: string;
let newHash: string;

beforeEach(async () => {
  db = createTestDb();
  oldHash ??= await hashPassword('Contraseña-vieja-2026');
  newHash ??= await hashPassword('Contraseña-nueva-2026');
});

/** The link of the last message in the outbox, as the person reads it in their mail. */
function lastLinkFor(email: string): string {
  const message = db.select().from(outbox).where(eq(outbox.to, email)).all().at(-1);
  const link = /https:\/\/aula\.example\.mx\/recuperar-contrasena\/(\S+)/.exec(message?.body ?? '');
  if (!link?.[1]) throw new Error(`no reset link in the outbox for ${email}`);
  return link[1];
}

function request(email: string, address = '10.0.0.1', now = NOW): void {
  requestPasswordReset(db, { email, address, baseUrl: BASE_URL, now });
}

function failureOf(work: () => unknown): { code: string; params: Record<string, unknown> } | null {
  try {
    work();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
}

describe('requestPasswordReset', () => {
  test('mails a one-hour link and keeps only its hash, made by the person themselves, and audits it', () => {
    const { id, person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    request(`  ${person.email.toUpperCase()} `);
    const token = lastLinkFor(person.email);
    const rows = db.select().from(invitations).where(eq(invitations.userId, id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashToken(token));
    expect(rows[0]?.id).not.toContain(token);
    expect(rows[0]?.createdBy).toBe(id);
    expect(rows[0]?.expiresAt.getTime()).toBe(NOW.getTime() + RESET_LINK_LIFETIME_MS);
    expect(db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectUserId, id)).all()).toContainEqual({
      action: 'account.passwordResetRequested',
    });
  });

  test('answers an unknown email exactly as a known one, storing and sending nothing', () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    expect(failureOf(() => request(person.email))).toBeNull();
    expect(failureOf(() => request('nadie@stps.example.mx', '10.0.0.2'))).toBeNull();
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .map((m) => m.to),
    ).toEqual([person.email]);
    expect(db.select().from(invitations).all()).toHaveLength(1);
  });

  test('throttles per typed email, known or not, and says for how long', () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    for (const email of [person.email, 'nadie@stps.example.mx']) {
      for (let i = 0; i < 3; i++) expect(failureOf(() => request(email, `10.0.1.${i}`))).toBeNull();
      expect(failureOf(() => request(email, '10.0.1.9'))).toEqual({ code: 'passwordReset.throttled', params: { minutes: 60 } });
    }
    expect(db.select().from(outbox).all()).toHaveLength(3);
    expect(failureOf(() => request(person.email, '10.0.1.9', new Date(NOW.getTime() + 61 * 60_000)))).toBeNull();
  });

  test('throttles an address asking for many emails, without touching its sign-in counter', () => {
    for (let i = 0; i < 10; i++) request(`persona${i}@x.mx`, '192.0.2.7');
    expect(failureOf(() => request('otra@x.mx', '192.0.2.7'))?.code).toBe('passwordReset.throttled');
    expect(failureOf(() => request('otra@x.mx', '192.0.2.8'))).toBeNull();
    expect(
      db
        .select()
        .from(signInThrottles)
        .all()
        .every((row) => row.key.startsWith('reset:')),
    ).toBe(true);
  });
});

describe('resetPassword', () => {
  test('sets the new password and ends every session of the person; the old password stops working', async () => {
    const { id, person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    const phone = generateToken();
    const office = generateToken();
    createSession(db, phone, id);
    createSession(db, office, id);
    request(person.email);
    resetPassword(db, { token: lastLinkFor(person.email), passwordHash: newHash, now: NOW });
    expect(validateSessionToken(db, phone).session).toBeNull();
    expect(validateSessionToken(db, office).session).toBeNull();
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.h).toBe(newHash);
    await expect(signIn(db, { email: person.email, password: 'Contraseña-vieja-2026', address: '10.0.0.3' })).rejects.toThrow();
    await expect(signIn(db, { email: person.email, password: 'Contraseña-nueva-2026', address: '10.0.0.3' })).resolves.toHaveProperty(
      'token',
    );
    expect(db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectUserId, id)).all()).toContainEqual({
      action: 'account.passwordReset',
    });
  });

  test('a link works once, and using it spends the other links of the account', () => {
    const { id, person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    const invitation = issueInvitation(db, { userId: id, actorId: null, baseUrl: BASE_URL, now: NOW });
    request(person.email);
    const first = lastLinkFor(person.email);
    request(person.email, '10.0.0.2');
    const second = lastLinkFor(person.email);
    resetPassword(db, { token: second, passwordHash: newHash, now: NOW });
    for (const token of [second, first, invitation.link.split('/').pop() as string]) {
      expect(failureOf(() => resetPassword(db, { token, passwordHash: oldHash, now: NOW }))?.code).toBe('invitation.invalid');
    }
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.h).toBe(newHash);
  });

  test('a link expires after one hour', () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash: oldHash });
    request(person.email);
    const later = new Date(NOW.getTime() + RESET_LINK_LIFETIME_MS);
    expect(failureOf(() => resetPassword(db, { token: lastLinkFor(person.email), passwordHash: newHash, now: later }))?.code).toBe(
      'invitation.expired',
    );
  });

  test('accepting an invitation spends a reset link asked for meanwhile', () => {
    const { id, person } = insertPerson(db, { roles: ['inspector'], passwordHash: null });
    const invitation = issueInvitation(db, { userId: id, actorId: null, baseUrl: BASE_URL, now: NOW });
    request(person.email);
    acceptInvitation(db, { token: invitation.link.split('/').pop() as string, passwordHash: newHash, now: NOW });
    expect(failureOf(() => resetPassword(db, { token: lastLinkFor(person.email), passwordHash: oldHash, now: NOW }))?.code).toBe(
      'invitation.invalid',
    );
  });
});
