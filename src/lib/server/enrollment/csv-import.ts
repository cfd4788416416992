import type { Db, Executor } from '../db.ts';
import { prepareInvitation } from '../accounts/invitations.ts';
import { deliverMessages } from '../mail/deliver.ts';
import {
  type ImportInput,
  type ImportPreview,
  type ImportRow,
  importRowChecker,
  matchStoredAccounts,
  summarizeImport,
  validateImportRows,
} from './import-rows.ts';
import { type ImportResult, writeImport } from './import-write.ts';

/** Rows validated between two pauses of the commit: about 50 ms of work each. */
const ROWS_BETWEEN_PAUSES = 1000;

/**
 * Validates every row of an enrollment CSV against the rules and the stored data, and says
 * what confirming would do. Writes nothing.
 */
export function previewImport(db: Executor, input: ImportInput): ImportPreview {
  return summarizeImport(matchStoredAccounts(db, input, validateImportRows(input.text)));
}

/**
 * Validates again and, only when every row is valid, creates the new accounts, issues their
 * invitations and enrolls everyone, all or nothing. Rows already enrolled are skipped, so
 * importing the same file twice changes nothing the second time.
 *
 * The server has one SQLite connection and one thread: while a transaction runs, no other
 * request is answered, and other writers would wait for its lock anyway. So everything slow
 * happens first, outside any transaction, letting other requests in between the steps: parsing,
 * validating every row, matching stored accounts, drawing tokens, hashing them and writing the
 * messages. The transaction then only checks that nothing it relies on changed and writes a few
 * multi-row inserts (issue #11: 5,000 rows used to hold the server for 4 s).
 */
export async function commitImport(
  db: Db,
  input: ImportInput & { actorId: number; baseUrl: string; now?: Date },
): Promise<ImportResult | { preview: ImportPreview }> {
  const now = input.now ?? new Date();
  const { rows, check } = importRowChecker(input.text);
  await letOtherRequestsIn();
  const validated: ImportRow[] = [];
  for (let start = 0; start < rows.length; start += ROWS_BETWEEN_PAUSES) {
    for (const row of rows.slice(start, start + ROWS_BETWEEN_PAUSES)) validated.push(check(row));
    await letOtherRequestsIn();
  }
  if (validated.some((r) => r.errors.length > 0)) return { preview: summarizeImport(validated) };
  const planned = matchStoredAccounts(db, input, validated);
  if (planned.some((r) => r.errors.length > 0)) return { preview: summarizeImport(planned) };
  const invitations = new Map(
    planned.filter((r) => r.status === 'new').map((r) => [r.email, prepareInvitation(r, input.baseUrl, now)] as const),
  );
  await letOtherRequestsIn();

  const outcome = db.transaction((tx): ImportResult | { preview: ImportPreview } => {
    const current = matchStoredAccounts(tx, input, validated);
    if (current.some((row, i) => !samePlan(row, planned[i] as ImportRow))) return { preview: summarizeImport(current) };
    // better-sqlite3 has one connection: writes made through `db` here are part of this transaction.
    return writeImport(db, { ...input, now, rows: current, invitations });
  });
  if ('invitations' in outcome) {
    await deliverMessages(
      db,
      outcome.invitations.map((i) => i.messageId),
    );
  }
  return outcome;
}

/** Whether a row matched just now means the same writes as when the import was planned. */
function samePlan(current: ImportRow, planned: ImportRow): boolean {
  return (
    current.errors.length === 0 &&
    current.status === planned.status &&
    current.userId === planned.userId &&
    current.enrollment === planned.enrollment
  );
}

/** Lets the requests that arrived meanwhile be answered before the next step of the import. */
function letOtherRequestsIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
