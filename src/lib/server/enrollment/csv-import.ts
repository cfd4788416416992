import { countedAsOne } from '../cache/change-versions.ts';
import type { Db, Executor } from '../db.ts';
import { deliverMessages } from '../mail/deliver.ts';
import {
  type ImportInput,
  type ImportPreview,
  type ImportRow,
  importRowChecker,
  matchStoredAccounts,
  summarizeImport,
} from './import-rows.ts';
import { type ImportResult, prepareNewAccount, writeImport } from './import-write.ts';

/** Rows validated or prepared between two pauses of the commit: tens of milliseconds of work. */
const ROWS_BETWEEN_PAUSES = 1000;

/**
 * Validates every row of an enrollment CSV against the rules and the stored data, and says
 * what confirming would do. Writes nothing. Validates in slices, answering other requests between.
 */
export async function previewImport(db: Executor, input: ImportInput): Promise<ImportPreview> {
  return summarizeImport(matchStoredAccounts(db, input, await validateWithPauses(input.text)));
}

/** Parses the file and validates its rows in slices, letting other requests in between them. */
async function validateWithPauses(text: string): Promise<ImportRow[]> {
  const { rows, check } = importRowChecker(text);
  await letOtherRequestsIn();
  return mapWithPauses(rows, check);
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
 * messages. The transaction then only checks that nothing it relies on changed and inserts the
 * rows through statements prepared once (issue #11: 5,000 rows used to hold the server for 4 s).
 */
export async function commitImport(
  db: Db,
  input: ImportInput & { actorId: number; baseUrl: string; now?: Date },
): Promise<ImportResult | { preview: ImportPreview }> {
  const now = input.now ?? new Date();
  const validated = await validateWithPauses(input.text);
  if (validated.some((r) => r.errors.length > 0)) return { preview: summarizeImport(validated) };
  const planned = matchStoredAccounts(db, input, validated);
  if (planned.some((r) => r.errors.length > 0)) return { preview: summarizeImport(planned) };
  await letOtherRequestsIn();
  const newRows = planned.filter((r) => r.status === 'new');
  const accounts = new Map(await mapWithPauses(newRows, (r) => [r.email, prepareNewAccount(r, input.baseUrl, now)] as const));

  const outcome = withoutAutoCheckpoint(db, () =>
    db.transaction((tx): ImportResult | { preview: ImportPreview } => {
      const current = matchStoredAccounts(tx, input, validated);
      if (current.some((row, i) => !samePlan(row, planned[i] as ImportRow))) return { preview: summarizeImport(current) };
      // better-sqlite3 has one connection: writes made through `db` here are part of this transaction.
      // Thousands of rows change every kept view once, not row by row (cache/change-versions.ts).
      return countedAsOne(db, () => writeImport(db, { ...input, now, rows: current, accounts }));
    }),
  );
  await letOtherRequestsIn();
  db.$client.pragma('wal_checkpoint(PASSIVE)');
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

/**
 * Runs `work` with SQLite's automatic checkpoint off. The import leaves a few MB in the WAL, which
 * SQLite would otherwise copy into the database inside the same COMMIT call, adding ~100 ms to
 * the time the server answers nobody; the caller checkpoints as a step of its own instead.
 */
function withoutAutoCheckpoint<T>(db: Db, work: () => T): T {
  const pages = db.$client.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.$client.pragma('wal_autocheckpoint = 0');
  try {
    return work();
  } finally {
    db.$client.pragma(`wal_autocheckpoint = ${pages}`);
  }
}

/** `work` on each item in order, letting other requests in after every ROWS_BETWEEN_PAUSES items. */
async function mapWithPauses<T, R>(items: readonly T[], work: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += ROWS_BETWEEN_PAUSES) {
    for (const item of items.slice(start, start + ROWS_BETWEEN_PAUSES)) out.push(work(item));
    await letOtherRequestsIn();
  }
  return out;
}

/** Lets the requests that arrived meanwhile be answered before the next step of the import. */
function letOtherRequestsIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
