import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { cohorts, enrollments, type Role, userRoles, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { tCount, todayInMexico } from '../../format.ts';
import { checkOffice } from '../../offices.ts';
import { curpSchema, emailSchema, fullNameSchema, officeSchema, stateSchema } from '../../validation/person.ts';
import { refusalToActOn } from '../accounts/may-act-on.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { jsonList } from '../json-list.ts';
import { type CsvRow, parseEnrollmentCsv } from './csv-parse.ts';
import { findConcurrentEnrollments } from './enroll.ts';

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
  /** The person's enrollment in this cohort today, when the account exists. */
  enrollment: 'active' | 'withdrawn' | null;
  errors: string[];
}

export interface ImportPreview {
  rows: ImportRow[];
  invalid: ImportRow[];
  counts: { total: number; valid: number; invalid: number; newPeople: number; existing: number; already: number };
}

/** A file-level problem (no header, empty, unreadable), as a Spanish message. */
export class CsvFileError extends DomainError {}

function readCsvRows(text: string): { rows: CsvRow[]; columnCount: number } {
  const parsed = parseEnrollmentCsv(text);
  if (!parsed.ok) throw new CsvFileError(parsed.problem.code, parsed.problem.params, 'invalid');
  return { rows: parsed.rows, columnCount: parsed.columnCount };
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
 * Parses the file (throwing a CsvFileError for a file-level problem) and returns its rows with a
 * `check` that validates one row, to be called on each in order: it remembers the emails and
 * CURPs of the rows before. Lets an import validate in slices, answering other requests between.
 */
export function importRowChecker(text: string): { rows: CsvRow[]; check: (row: CsvRow) => ImportRow } {
  const { rows, columnCount } = readCsvRows(text);
  const seenEmail = new Map<string, number>();
  const seenCurp = new Map<string, number>();
  const check = ({ line, values, cellCount }: CsvRow): ImportRow => {
    const errors: string[] = [];
    const unmatched = { status: null, userId: null, enrollment: null, errors };
    if (cellCount !== columnCount) {
      // Cells out of place: checking them one by one would only report the shift.
      errors.push(tCount('csv.row.columns', cellCount, { expected: columnCount }));
      return { line, ...values, curp: values.curp || null, ...unmatched };
    }
    const fullName = required(values.fullName, 'csv.row.name', errors) && validateCell(fullNameSchema, values.fullName, errors);
    const emailResult = emailSchema.safeParse(values.email);
    const email = emailResult.success ? emailResult.data : null;
    if (!email) errors.push(t('csv.row.email', { value: values.email }));
    const curp = validateCell(curpSchema, values.curp, errors);
    const stateResult = stateSchema.safeParse(values.state);
    const state = stateResult.success ? stateResult.data : null;
    if (!state) errors.push(t('csv.row.state', { value: values.state }));
    let office = required(values.office, 'csv.row.office', errors) && validateCell(officeSchema, values.office, errors);
    if (office && state) {
      // A file has no «Otra oficina» choice: an unlisted name is another office; a listed one must be the state's.
      const checked = checkOffice(state, office, '', { unlistedIsOther: true });
      if (checked.ok) office = checked.office;
      else errors.push(t(checked.problem.code, checked.problem.params));
    }
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
      ...unmatched,
    };
  };
  return { rows, check };
}

/**
 * Matches valid rows with stored accounts and this cohort's enrollments in a few batched
 * queries, not one per row, and returns new rows saying what confirming would do to each. Rows
 * already invalid are returned as they are. Cheap enough to run again inside the commit's
 * transaction, to catch anything that changed since the preview.
 */
export function matchStoredAccounts(db: Executor, input: Omit<ImportInput, 'text'>, validated: readonly ImportRow[]): ImportRow[] {
  const { cohortId, actorId } = input;
  if (!db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.id, cohortId)).get()) {
    throw new DomainError('cohort.notFound', {}, 'not-found');
  }
  const valid = validated.filter((r) => r.errors.length === 0);
  const found = db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, jsonList(valid.map((r) => r.email))))
    .all();
  const ids = jsonList(found.map((f) => f.id));
  const roles = new Map<number, Role[]>();
  for (const r of db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, ids))
    .all()) {
    roles.set(r.userId, [...(roles.get(r.userId) ?? []), r.role]);
  }
  const enrolled = new Map(
    db
      .select({ userId: enrollments.userId, status: enrollments.status })
      .from(enrollments)
      .where(and(eq(enrollments.cohortId, cohortId), inArray(enrollments.userId, ids)))
      .all()
      .map((r) => [r.userId, r.status]),
  );
  // Active in another running cohort of the same program: the file has no column for the reason
  // that one-by-one enrollment asks for (enroll.ts), so those rows are refused and named.
  const elsewhere = findConcurrentEnrollments(
    db,
    cohortId,
    found.map((f) => f.id),
    todayInMexico(),
  );
  const byEmail = new Map<string, StoredAccount>(
    found.map((f) => [f.email, { id: f.id, roles: roles.get(f.id) ?? [], enrollment: enrolled.get(f.id) ?? null }]),
  );
  const curpOwner = new Map<string, string>();
  for (const r of db
    .select({ curp: users.curp, email: users.email })
    .from(users)
    .where(and(isNotNull(users.curp), inArray(users.curp, jsonList(valid.flatMap((r) => (r.curp ? [r.curp] : []))))))
    .all()) {
    if (r.curp) curpOwner.set(r.curp, r.email);
  }

  // Enrolling an existing account is acting on it: the same rule as one by one (decision 008).
  const actor = actorId === null ? null : { id: actorId, roles: rolesOf(db, actorId) };
  return validated.map((row) => {
    if (row.errors.length > 0) return row;
    const errors: string[] = [];
    const account = byEmail.get(row.email);
    const owner = row.curp ? curpOwner.get(row.curp) : undefined;
    if (owner && owner !== row.email) errors.push(t('csv.row.curpOtherAccount', { value: row.curp ?? '', email: owner }));
    if (account && !account.roles.includes('inspector')) errors.push(t('csv.row.notInspector', { value: row.email }));
    const refusal = account && actor ? refusalToActOn(actor, account) : null;
    if (refusal) errors.push(t(refusal.code, { ...refusal.params, name: row.fullName }));
    const other = account && account.enrollment !== 'active' ? elsewhere.get(account.id)?.name : undefined;
    if (other) errors.push(t('csv.row.activeElsewhere', { cohort: other }));
    if (errors.length > 0) return { ...row, errors };
    const enrollment = account?.enrollment ?? null;
    const status: ImportRowStatus = !account ? 'new' : enrollment === 'active' ? 'already' : 'existing';
    return { ...row, status, userId: account?.id ?? null, enrollment, errors };
  });
}

/** The preview of matched rows: every row, the invalid ones, and what confirming would do. */
export function summarizeImport(rows: ImportRow[]): ImportPreview {
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

function rolesOf(db: Executor, userId: number): Role[] {
  return db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role);
}

export interface ImportInput {
  cohortId: number;
  text: string;
  /** Who imports: null for the system (scripts); otherwise they must be allowed to act on each existing account. */
  actorId: number | null;
}

interface StoredAccount {
  id: number;
  roles: Role[];
  enrollment: 'active' | 'withdrawn' | null;
}
