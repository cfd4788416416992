import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { sessions, users } from '../../db/schema/index.ts';
import {
  acceptInvitation,
  INVITATION_LIFETIME_MS,
  issueInvitation,
  requireValidInvitation,
} from '../../src/lib/server/accounts/invitations.ts';
import { changePassword } from '../../src/lib/server/auth/change-password.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { createSession, generateToken, validateSessionToken } from '../../src/lib/server/auth/session.ts';
import { signIn } from '../../src/lib/server/auth/sign-in.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
const PASSWORD = 'Contraseña-segura-2026';
let passwordHash: string;

beforeEach(async () => {
  db = createTestDb();
  passwordHash ??= await hashPassword(PASSWORD);
});

async function failureOf(work: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> } | null> {
  try {
    await work;
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
}

describe('signIn', () => {
  test('opens a session for the right password, with the email in any case', async () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash });
    const { token } = await signIn(db, { email: `  ${person.email.toUpperCase()} `, password: PASSWORD, address: '10.0.0.1' });
    expect(validateSessionToken(db, token).user?.email).toBe(person.email);
  });

  test('gives the same answer for a wrong password and an unknown email', async () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash });
    const wrong = await failureOf(signIn(db, { email: person.email, password: 'otra', address: '10.0.0.1' }));
    const unknown = await failureOf(signIn(db, { email: 'nadie@stps.example.mx', password: PASSWORD, address: '10.0.0.2' }));
    expect(wrong).toEqual({ code: 'auth.signIn.invalid', params: {} });
    expect(unknown).toEqual(wrong);
  });

  test('a person whose invitation is pending cannot sign in', async () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash: null });
    expect((await failureOf(signIn(db, { email: person.email, password: '', address: '10.0.0.1' })))?.code).toBe('auth.signIn.invalid');
  });

  test('throttles an account after 5 failures, even with the right password, and says for how long', async () => {
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash });
    const now = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 4; i++) {
      expect((await failureOf(signIn(db, { email: person.email, password: 'mal', address: `10.0.1.${i}` }, now)))?.code).toBe(
        'auth.signIn.invalid',
      );
    }
    expect(await failureOf(signIn(db, { email: person.email, password: 'mal', address: '10.0.1.9' }, now))).toEqual({
      code: 'auth.signIn.throttled',
      params: { minutes: 15 },
    });
    expect((await failureOf(signIn(db, { email: person.email, password: PASSWORD, address: '10.0.1.10' }, now)))?.code).toBe(
      'auth.signIn.throttled',
    );
    const later = new Date(now.getTime() + 16 * 60_000);
    await expect(signIn(db, { email: person.email, password: PASSWORD, address: '10.0.1.11' }, later)).resolves.toHaveProperty('token');
  });

  test('throttles an address that tries many accounts, known or not', async () => {
    const now = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 19; i++) await failureOf(signIn(db, { email: `persona${i}@x.mx`, password: 'x', address: '192.0.2.7' }, now));
    expect((await failureOf(signIn(db, { email: 'otra@x.mx', password: 'x', address: '192.0.2.7' }, now)))?.code).toBe(
      'auth.signIn.throttled',
    );
    const { person } = insertPerson(db, { roles: ['inspector'], passwordHash });
    expect((await failureOf(signIn(db, { email: person.email, password: PASSWORD, address: '192.0.2.7' }, now)))?.code).toBe(
      'auth.signIn.throttled',
    );
    await expect(signIn(db, { email: person.email, password: PASSWORD, address: '192.0.2.8' }, now)).resolves.toHaveProperty('token');
  });
});

describe('invitations', () => {
  test('a link sets the password once, opens a session, and cannot be reused', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    const invitation = issueInvitation(db, { userId: id, actorId: null, baseUrl: 'https://aula.example.mx' });
    const token = invitation.link.split('/').pop() as string;
    const { sessionToken } = acceptInvitation(db, { token, passwordHash });
    expect(validateSessionToken(db, sessionToken).user?.id).toBe(id);
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, id)).get()?.h).toBe(passwordHash);
    expect(() => acceptInvitation(db, { token, passwordHash })).toThrow(expect.objectContaining({ code: 'invitation.invalid' }));
  });

  test('a link expires after 7 days, and a new link replaces the old one', () => {
    const { id } = insertPerson(db, { roles: ['inspector'] });
    const now = new Date('2026-11-01T00:00:00Z');
    const first = issueInvitation(db, { userId: id, actorId: null, baseUrl: 'https://x.mx', now });
    const firstToken = first.link.split('/').pop() as string;
    expect(() => requireValidInvitation(db, firstToken, new Date(now.getTime() + INVITATION_LIFETIME_MS))).toThrow(
      expect.objectContaining({ code: 'invitation.expired' }),
    );
    const second = issueInvitation(db, { userId: id, actorId: null, baseUrl: 'https://x.mx', now });
    expect(() => requireValidInvitation(db, firstToken, now)).toThrow(expect.objectContaining({ code: 'invitation.invalid' }));
    expect(requireValidInvitation(db, second.link.split('/').pop() as string, now).userId).toBe(id);
  });

  test('accepting a link (a reset) ends the sessions the person had', () => {
    const { id } = insertPerson(db, { roles: ['inspector'], passwordHash });
    const old = generateToken();
    createSession(db, old, id);
    const invitation = issueInvitation(db, { userId: id, actorId: null, baseUrl: 'https://x.mx' });
    acceptInvitation(db, { token: invitation.link.split('/').pop() as string, passwordHash });
    expect(validateSessionToken(db, old).session).toBeNull();
  });
});

describe('changePassword', () => {
  test('checks the current password, ends every session and returns a new one', async () => {
    const { id } = insertPerson(db, { roles: ['inspector'], passwordHash });
    const phone = generateToken();
    const office = generateToken();
    createSession(db, phone, id);
    createSession(db, office, id);
    expect((await failureOf(changePassword(db, { userId: id, currentPassword: 'mal', newPassword: 'Nueva-contraseña-1' })))?.code).toBe(
      'account.wrongPassword',
    );
    const { token } = await changePassword(db, { userId: id, currentPassword: PASSWORD, newPassword: 'Nueva-contraseña-1' });
    expect(validateSessionToken(db, phone).session).toBeNull();
    expect(validateSessionToken(db, office).session).toBeNull();
    expect(validateSessionToken(db, token).user?.id).toBe(id);
    expect(db.select().from(sessions).all()).toHaveLength(1);
    await expect(
      signIn(db, {
        email: (await db.select({ e: users.email }).from(users).where(eq(users.id, id)).get())?.e ?? '',
        password: 'Nueva-contraseña-1',
        address: '1.1.1.1',
      }),
    ).resolves.toHaveProperty('token');
  });
});
