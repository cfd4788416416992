import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { enrollments, userRoles, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { State } from '../../states.ts';
import { curpSchema, emailSchema, fullNameSchema, officeSchema, stateSchema } from '../../validation/person.ts';
import { createAccount } from '../accounts/create-account.ts';
import { type IssuedInvitation, issueInvitation } from '../accounts/invitations.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { deliverMessages } from '../mail/deliver.ts';
import { type CsvRow, parseEnrollmentCsv } from './csv-parse.ts';
import { enrollInspector } from './enroll.ts';

export type ImportRowStatus = 'new' | 'existing' | 'already';

export interface ImportRow {
  line: number;
  fullName: string;
  email: string;
  curp: string | null;
  /** The stored state name once valid; what the file said otherwise. */
  state: string;
  office: string;
  status: ImportRowStatus | null;
  userId: number | null;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  invalid: ImportRow[];
  counts: { total: number; valid: number; invalid: number; newPeople: number; existing: number; already: number };
}

/** A file-level problem (no header, empty, unreadable), as a Spanish message. */
export class CsvFileError extends DomainError {}

function fileProblem(text: string): CsvRow[] {
  const parsed = parseEnrollmentCsv(text);
  if (parsed.ok) return parsed.rows;
  if (parsed.problem === 'missingColumns') throw new CsvFileError('csv.missingColumns', { columns: parsed.detail }, 'invalid');
  if (parsed.problem === 'unreadable') throw new CsvFileError('csv.unreadable', { detail: parsed.detail }, 'invalid');
  throw new CsvFileError('csv.empty', {}, 'invalid');
}

function validateCell<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } },
  value: string,
  errors: string[],
): T | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push(result.error.issues[0]?.message ?? t('form.required'));
  return null;
}

function required(value: string, message: 'csv.row.name' | 'csv.row.office', errors: string[]): boolean {
  if (value.trim()) return true;
  errors.push(t(message));
  return false;
}

/**
 * Validates every row of an enrollment CSV against the rules and the stored data, and says
 * what confirming would do. Writes nothing.
 */
export function previewImport(db: Executor, cohortId: number, text: string): ImportPreview {
  const csvRows = fileProblem(text);
  const seenEmail = new Map<string, number>();
  const seenCurp = new Map<string, number>();
  const rows: ImportRow[] = csvRows.map(({ line, values }) => {
    const errors: string[] = [];
    const fullName = required(values.fullName, 'csv.row.name', errors) && validateCell(fullNameSchema, values.fullName, errors);
    const emailResult = emailSchema.safeParse(values.email);
    const email = emailResult.success ? emailResult.data : null;
    if (!email) errors.push(t('csv.row.email', { value: values.email }));
    const curp = validateCell(curpSchema, values.curp, errors);
    const stateResult = stateSchema.safeParse(values.state);
    const state = stateResult.success ? stateResult.data : null;
    if (!state) errors.push(t('csv.row.state', { value: values.state }));
    const office = required(values.office, 'csv.row.office', errors) && validateCell(officeSchema, values.office, errors);
    if (email) {
      const first = seenEmail.get(email);
      if (first !== undefined) errors.push(t('csv.row.duplicateEmail', { value: email, line: first }));
      else seenEmail.set(email, line);
    }
    if (curp) {
      const first = seenCurp.get(curp);
      if (first !== undefined) errors.push(t('csv.row.duplicateCurp', { value: curp, line: first }));
      else seenCurp.set(curp, line);
    }
    return {
      line,
      fullName: fullName || values.fullName,
      email: email ?? values.email,
      curp: curp ?? (values.curp || null),
      state: state ?? values.state,
      office: office || values.office,
      status: null,
      userId: null,
      errors,
    };
  });

  // Match against stored accounts in a few batched queries, not one per row.
  const emails = [...seenEmail.keys()];
  const curps = [...seenCurp.keys()];
  const byEmail = new Map<string, { id: number; curp: string | null; isInspector: boolean; enrollment: string | null }>();
  for (const chunk of chunks(emails, 500)) {
    const found = db.select({ id: users.id, email: users.email, curp: users.curp }).from(users).where(inArray(users.email, chunk)).all();
    const ids = found.map((f) => f.id);
    const inspectors = new Set(
      ids.length
        ? db
            .select({ userId: userRoles.userId })
            .from(userRoles)
            .where(and(inArray(userRoles.userId, ids), eq(userRoles.role, 'inspector')))
            .all()
            .map((r) => r.userId)
        : [],
    );
    const enrolled = new Map(
      ids.length
        ? db
            .select({ userId: enrollments.userId, status: enrollments.status })
            .from(enrollments)
            .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.userId, ids)))
            .all()
            .map((r) => [r.userId, r.status])
        : [],
    );
    for (const f of found)
      byEmail.set(f.email, { id: f.id, curp: f.curp, isInspector: inspectors.has(f.id), enrollment: enrolled.get(f.id) ?? null });
  }
  const curpOwner = new Map<string, string>();
  for (const chunk of chunks(curps, 500)) {
    for (const r of db
      .select({ curp: users.curp, email: users.email })
      .from(users)
      .where(and(isNotNull(users.curp), inArray(users.curp, chunk)))
      .all()) {
      if (r.curp) curpOwner.set(r.curp, r.email);
    }
  }

  for (const row of rows) {
    if (row.errors.length > 0) continue;
    const account = byEmail.get(row.email);
    const owner = row.curp ? curpOwner.get(row.curp) : undefined;
    if (owner && owner !== row.email) row.errors.push(t('csv.row.curpOtherAccount', { value: row.curp ?? '', email: owner }));
    if (account && !account.isInspector) row.errors.push(t('csv.row.notInspector', { value: row.email }));
    if (row.errors.length > 0) continue;
    row.userId = account?.id ?? null;
    row.status = !account ? 'new' : account.enrollment === 'active' ? 'already' : 'existing';
  }

  const invalid = rows.filter((r) => r.errors.length > 0);
  const count = (s: ImportRowStatus) => rows.filter((r) => r.status === s).length;
  return {
    rows,
    invalid,
    counts: {
      total: rows.length,
      valid: rows.length - invalid.length,
      invalid: invalid.length,
      newPeople: count('new'),
      existing: count('existing'),
      already: count('already'),
    },
  };
}

export interface ImportResult {
  enrolled: number;
  created: number;
  skipped: number;
  invitations: IssuedInvitation[];
}

/**
 * Validates again and, only when every row is valid, creates the new accounts, issues their
 * invitations and enrolls everyone in one transaction. Rows already enrolled are skipped, so
 * importing the same file twice changes nothing the second time.
 */
export async function commitImport(
  db: Db,
  input: { cohortId: number; text: string; actorId: number; baseUrl: string; now?: Date },
): Promise<ImportResult | { preview: ImportPreview }> {
  const now = input.now ?? new Date();
  const outcome = db.transaction((tx): ImportResult | { preview: ImportPreview } => {
    const preview = previewImport(tx, input.cohortId, input.text);
    if (preview.invalid.length > 0) return { preview };
    const invitations: IssuedInvitation[] = [];
    let enrolled = 0;
    let created = 0;
    for (const row of preview.rows) {
      if (row.status === 'already') continue;
      let userId = row.userId;
      if (userId === null) {
        userId = createAccount(tx, {
          person: { fullName: row.fullName, email: row.email, curp: row.curp, state: row.state as State, office: row.office, gender: null },
          roles: ['inspector'],
          actorId: input.actorId,
          now,
        }).id;
        invitations.push(issueInvitation(tx, { userId, actorId: input.actorId, baseUrl: input.baseUrl, now }));
        created++;
      }
      enrollInspector(tx, { cohortId: input.cohortId, userId, actorId: input.actorId, now });
      enrolled++;
    }
    if (enrolled === 0) return { enrolled, created, skipped: preview.counts.already, invitations };
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'enrollment.imported',
      cohortId: input.cohortId,
      details: { rows: preview.counts.total, enrolled, created, skipped: preview.counts.already },
      at: now,
    });
    return { enrolled, created, skipped: preview.counts.already, invitations };
  });
  if ('invitations' in outcome)
    await deliverMessages(
      db,
      outcome.invitations.map((i) => i.messageId),
    );
  return outcome;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
