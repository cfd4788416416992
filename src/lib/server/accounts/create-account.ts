import { eq } from 'drizzle-orm';
import { type Role, userRoles, users } from '../../../../db/schema/index.ts';
import type { PersonInput } from '../../validation/person.ts';
import { foldForSearch } from '../../text.ts';
import { appendAuditEntries, appendAuditEntry } from '../audit/log.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { buildSortKey } from './sort-key.ts';

export interface CreateAccountInput {
  person: PersonInput;
  roles: Role[];
  actorId: number | null;
  reason?: string | null;
  passwordHash?: string | null;
  now?: Date;
}

/** The accent-free text that people search by: name, email and CURP. */
export function buildSearchText(person: Pick<PersonInput, 'fullName' | 'email' | 'curp'>): string {
  return foldForSearch([person.fullName, person.email, person.curp ?? ''].join(' '));
}

/** Ensures no other account holds this email or CURP; `exceptId` is the account being edited. */
export function assertUniqueIdentity(db: Executor, person: Pick<PersonInput, 'email' | 'curp'>, exceptId?: number): void {
  const byEmail = db.select({ id: users.id }).from(users).where(eq(users.email, person.email)).get();
  if (byEmail && byEmail.id !== exceptId) throw new DomainError('people.emailTaken', { email: person.email });
  if (person.curp) {
    const byCurp = db.select({ id: users.id }).from(users).where(eq(users.curp, person.curp)).get();
    if (byCurp && byCurp.id !== exceptId) throw new DomainError('people.curpTaken', { curp: person.curp });
  }
}

/** Creates an account with its roles and records it in the audit log. Call inside a transaction. */
export function createAccount(db: Executor, input: CreateAccountInput): { id: number } {
  const now = input.now ?? new Date();
  assertUniqueIdentity(db, input.person);
  const row = db
    .insert(users)
    .values({
      ...input.person,
      passwordHash: input.passwordHash ?? null,
      searchText: buildSearchText(input.person),
      sortKey: buildSortKey(input.person.fullName),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id })
    .get();
  if (input.roles.length > 0) {
    db.insert(userRoles)
      .values(input.roles.map((role) => ({ userId: row.id, role })))
      .run();
  }
  appendAuditEntry(db, {
    actorId: input.actorId,
    action: 'account.created',
    subjectUserId: row.id,
    reason: input.reason,
    details: { roles: input.roles, email: input.person.email },
    at: now,
  });
  return row;
}

/** A person ready for `createAccounts`, with the search text computed beforehand (outside the transaction). */
export type NewAccount = PersonInput & { searchText: string; sortKey: string };

export function newAccount(person: PersonInput): NewAccount {
  return { ...person, searchText: buildSearchText(person), sortKey: buildSortKey(person.fullName) };
}

/**
 * Creates many accounts with the same roles (a CSV import), audited one by one as `createAccount`
 * does. Call inside a transaction. The caller has checked that no email or CURP is taken; the
 * unique indexes still refuse a duplicate. Returns each new account's id by email.
 */
export function createAccounts(
  db: Db,
  input: { accounts: readonly NewAccount[]; roles: Role[]; actorId: number | null; now: Date },
): Map<string, number> {
  const { roles, actorId, now } = input;
  const insertUser = prepareInsert(db, users, [
    'fullName',
    'email',
    'curp',
    'state',
    'office',
    'gender',
    'passwordHash',
    'searchText',
    'sortKey',
    'createdAt',
    'updatedAt',
  ]);
  const insertRole = prepareInsert(db, userRoles, ['userId', 'role']);
  const ids = new Map<string, number>();
  for (const account of input.accounts) {
    const id = insertUser({ ...account, passwordHash: null, createdAt: now, updatedAt: now });
    for (const role of roles) insertRole({ userId: id, role });
    ids.set(account.email, id);
  }
  appendAuditEntries(
    db,
    input.accounts.map((account) => ({
      actorId,
      action: 'account.created',
      subjectUserId: ids.get(account.email) as number,
      details: { roles, email: account.email },
      at: now,
    })),
  );
  return ids;
}
