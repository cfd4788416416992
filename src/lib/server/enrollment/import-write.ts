import { and, eq, inArray } from 'drizzle-orm';
import { enrollments } from '../../../../db/schema/index.ts';
import type { State } from '../../states.ts';
import type { PersonInput } from '../../validation/person.ts';
import { createAccounts } from '../accounts/create-account.ts';
import { type IssuedInvitation, issuePreparedInvitations, type PreparedInvitation } from '../accounts/invitations.ts';
import { type AuditEntryInput, appendAuditEntries, appendAuditEntry } from '../audit/log.ts';
import { prepareInsert } from '../bulk-insert.ts';
import type { Db } from '../db.ts';
import { jsonList } from '../json-list.ts';
import type { ImportRow } from './import-rows.ts';

export interface ImportResult {
  enrolled: number;
  created: number;
  skipped: number;
  invitations: IssuedInvitation[];
}

/**
 * The writes of a checked import, inside the caller's transaction: accounts, invitations,
 * enrollments and audit entries, each through one statement prepared once. `rows` are matched
 * and valid; `invitations` were prepared beforehand for the new accounts, by email.
 */
export function writeImport(
  db: Db,
  input: { cohortId: number; actorId: number; now: Date; rows: ImportRow[]; invitations: Map<string, PreparedInvitation> },
): ImportResult {
  const { cohortId, actorId, now, rows } = input;
  const newRows = rows.filter((r) => r.status === 'new');
  const ids = createAccounts(db, { people: newRows.map(personOf), roles: ['inspector'], actorId, now });
  const issued = issuePreparedInvitations(db, {
    invitations: newRows.map((r) => ({
      userId: ids.get(r.email) as number,
      fullName: r.fullName,
      prepared: input.invitations.get(r.email) as PreparedInvitation,
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

function personOf(row: ImportRow): PersonInput {
  return { fullName: row.fullName, email: row.email, curp: row.curp, state: row.state as State, office: row.office, gender: null };
}
