import { and, eq, inArray } from 'drizzle-orm';
import { enrollments } from '../../../../db/schema/index.ts';
import type { State } from '../../states.ts';
import type { PersonInput } from '../../validation/person.ts';
import { createAccounts, type NewAccount, newAccount } from '../accounts/create-account.ts';
import { type IssuedInvitation, issuePreparedInvitations, type PreparedInvitation, prepareInvitation } from '../accounts/invitations.ts';
import { type AuditEntryInput, appendAuditEntries, appendAuditEntry } from '../audit/log.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db } from '../db.ts';
import { jsonList } from '../json-list.ts';
import type { ImportRow } from './import-rows.ts';

/** What a new account needs stored, computed before the transaction: its row and its invitation. */
export interface PreparedAccount {
  account: NewAccount;
  invitation: PreparedInvitation;
}

/** Prepares the account and invitation of a row for a new person: the slow part (folding, hashing) of writing them. */
export function prepareNewAccount(row: ImportRow, baseUrl: string, now: Date): PreparedAccount {
  const person: PersonInput = {
    fullName: row.fullName,
    email: row.email,
    curp: row.curp,
    state: row.state as State,
    office: row.office,
    gender: null,
  };
  return { account: newAccount(person), invitation: prepareInvitation(person, baseUrl, now) };
}

export interface ImportResult {
  enrolled: number;
  created: number;
  skipped: number;
  invitations: IssuedInvitation[];
}

/**
 * The writes of a checked import, inside the caller's transaction: accounts, invitations,
 * enrollments and audit entries, each through one statement prepared once. `rows` are matched
 * and valid; `accounts` were prepared beforehand for the new people, by email.
 */
export function writeImport(
  db: Db,
  input: { cohortId: number; actorId: number; now: Date; rows: ImportRow[]; accounts: Map<string, PreparedAccount> },
): ImportResult {
  const { cohortId, actorId, now, rows } = input;
  const newRows = rows.filter((r) => r.status === 'new');
  const prepared = newRows.map((r) => input.accounts.get(r.email) as PreparedAccount);
  const ids = createAccounts(db, { accounts: prepared.map((p) => p.account), roles: ['inspector'], actorId, now });
  const issued = issuePreparedInvitations(db, {
    invitations: newRows.map((r, i) => ({
      userId: ids.get(r.email) as number,
      fullName: r.fullName,
      prepared: (prepared[i] as PreparedAccount).invitation,
    })),
    actorId,
    now,
  });

  const toEnroll = rows.filter((r) => r.status !== 'already').map((r) => ({ userId: r.userId ?? (ids.get(r.email) as number), row: r }));
  const returning = toEnroll.filter((e) => e.row.enrollment === 'withdrawn').map((e) => e.userId);
  if (returning.length > 0) {
    db.update(enrollments)
      .set({ status: 'active', enrolledAt: now, withdrawnAt: null })
      .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.userId, jsonList(returning))))
      .run();
  }
  const insertEnrollment = prepareInsert(db, enrollments, ['cohortId', 'userId', 'status', 'enrolledAt']);
  for (const e of toEnroll)
    if (e.row.enrollment === null) insertEnrollment({ cohortId, userId: e.userId, status: 'active', enrolledAt: now });
  appendAuditEntries(
    db,
    toEnroll.map(
      (e): AuditEntryInput => ({
        actorId,
        action: e.row.enrollment === 'withdrawn' ? 'enrollment.reenrolled' : 'enrollment.created',
        subjectUserId: e.userId,
        cohortId,
        at: now,
      }),
    ),
  );

  const result = { enrolled: toEnroll.length, created: newRows.length, skipped: rows.length - toEnroll.length, invitations: issued };
  if (result.enrolled > 0) {
    appendAuditEntry(db, {
      actorId,
      action: 'enrollment.imported',
      cohortId,
      details: { rows: rows.length, enrolled: result.enrolled, created: result.created, skipped: result.skipped },
      at: now,
    });
  }
  return result;
}
