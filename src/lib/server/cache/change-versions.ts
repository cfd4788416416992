import type { Db } from '../db.ts';
import { preparedOnce } from '../prepared.ts';

/**
 * Version counters that SQLite keeps itself: triggers on every table bump the counters of the
 * person and the cohorts a written row belongs to, so a page drawn from those rows can be kept
 * until one of them changes (view-cache.ts). Triggers rather than calls in the code that writes:
 * no write path (a form, an import, a CLI script, a later feature) can forget one.
 *
 * Scopes: a `person`; a `cohort`'s own rows, which all its members see (its dates, live sessions,
 * instructors); its `members`' rows, which its staff see (progress, hours, attempts, enrollments);
 * `shared`, for tables every page may read (budgets, quiz versions, anything not mapped below);
 * `people`, for the rows of the directory of accounts (names, roles, whether an account is active);
 * and `any`, which every write bumps. A person's write also bumps `members` of each cohort they are
 * enrolled in, and the `cohort` of each they teach (learners see their instructors' names).
 *
 * The triggers are made at every start from the tables the database has (`installChangeVersions`):
 * a table added later is `shared` until mapped, and a table that a migration rebuilds (which drops
 * its triggers) gets them back before the first request. The counters are a cache's bookkeeping,
 * not data: nothing but the cache reads them.
 */

export const Scope = { Any: 0, Person: 1, Cohort: 2, Shared: 3, Members: 4, Paused: 5, People: 6 } as const;
type Scope = (typeof Scope)[keyof typeof Scope];

/** What a row of a table belongs to: SQL expressions over `ROW`, the written row (NEW or OLD). */
interface Belongs {
  person?: readonly string[];
  /** Cohorts whose staff see the row (besides those the person's counter fans out to). */
  members?: readonly string[];
  /** Cohorts whose members all see the row. */
  cohort?: readonly string[];
  /** Shown in the directory of people (/coordinacion/personas). */
  directory?: true;
}

const TABLES: Readonly<Record<string, Belongs>> = {
  attendance: { person: ['ROW.user_id'], members: ['(SELECT cohort_id FROM live_sessions WHERE id = ROW.session_id)'] },
  audit_log: { person: ['ROW.subject_user_id'], members: ['ROW.cohort_id'] },
  calendar_feeds: { person: ['ROW.user_id'] },
  certificates: { person: ['ROW.user_id'], members: ['ROW.cohort_id'] },
  checklist_marks: { person: ['ROW.user_id'] },
  cohort_instructors: { person: ['ROW.user_id'], cohort: ['ROW.cohort_id'] },
  cohorts: { cohort: ['ROW.id'] },
  eligibility_exceptions: { person: ['ROW.user_id'], members: ['ROW.cohort_id'] },
  // The cohort named too: a withdrawn or deleted row no longer fans out to it.
  enrollments: { person: ['ROW.user_id'], members: ['ROW.cohort_id'] },
  field_practices: { person: ['ROW.user_id'] },
  hours_ledger: { person: ['ROW.user_id'] },
  learner_clocks: { person: ['ROW.user_id'] },
  lesson_progress: { person: ['ROW.user_id'] },
  live_sessions: { cohort: ['ROW.cohort_id'] },
  practice_attempts: { person: ['ROW.user_id'], members: ['ROW.cohort_id'] },
  quiz_attempts: { person: ['ROW.user_id'], members: ['ROW.cohort_id'] },
  quiz_overrides: { person: ['ROW.user_id'] },
  quiz_regrades: { person: ['ROW.user_id'] },
  quiz_responses: { person: ['(SELECT user_id FROM quiz_attempts WHERE id = ROW.attempt_id)'] },
  sessions: { person: ['ROW.user_id'] },
  user_roles: { person: ['ROW.user_id'], directory: true },
  users: { person: ['ROW.id'], directory: true },
};

/** Never drawn on a page: the migrations' journal, failed sign-ins, the search index (rebuilt from the content), these counters. */
const IGNORED = /^(__drizzle_migrations|sign_in_throttles|change_versions|lesson_search.*)$/;

const TRIGGER_PREFIX = 'change_version_';
const NOT_PAUSED = `NOT EXISTS (SELECT 1 FROM change_versions WHERE scope = ${Scope.Paused} AND id = 0)`;

function bump(scope: Scope, id: string): string {
  return `INSERT INTO change_versions (scope, id, version) SELECT ${scope}, ${id}, 1 WHERE ${id} IS NOT NULL
    ON CONFLICT (scope, id) DO UPDATE SET version = version + 1;`;
}

/** A person's counter, the `members` one of the cohorts they are enrolled in and the `cohort` one of those they teach. */
function bumpPerson(id: string): string {
  return `${bump(Scope.Person, id)}
  INSERT INTO change_versions (scope, id, version)
    SELECT ${Scope.Members}, cohort_id, 1 FROM enrollments WHERE user_id = ${id}
    UNION ALL SELECT ${Scope.Cohort}, cohort_id, 1 FROM cohort_instructors WHERE user_id = ${id}
    ON CONFLICT (scope, id) DO UPDATE SET version = version + 1;`;
}

function bumpsFor(table: string, row: 'NEW' | 'OLD'): string {
  const belongs = TABLES[table];
  const parts = [bump(Scope.Any, '0')];
  if (!belongs) parts.push(bump(Scope.Shared, '0'));
  for (const expr of belongs?.person ?? []) parts.push(bumpPerson(expr.replaceAll('ROW.', `${row}.`)));
  for (const expr of belongs?.members ?? []) parts.push(bump(Scope.Members, expr.replaceAll('ROW.', `${row}.`)));
  for (const expr of belongs?.cohort ?? []) parts.push(bump(Scope.Cohort, expr.replaceAll('ROW.', `${row}.`)));
  if (belongs?.directory) parts.push(bump(Scope.People, '0'));
  return parts.join('\n  ');
}

/** The tables whose writes bump a counter: every table of the database but the ignored ones. */
export function watchedTables(db: Db): string[] {
  const rows = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return rows.filter((name) => !IGNORED.test(name));
}

/** The triggers every watched table should have, by name. */
function expectedTriggers(db: Db): Map<string, string> {
  const triggers = new Map<string, string>();
  for (const table of watchedTables(db)) {
    for (const [event, row] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['UPDATE', 'OLD'],
      ['DELETE', 'OLD'],
    ] as const) {
      const name = `${TRIGGER_PREFIX}${table}_${event.toLowerCase()}_${row.toLowerCase()}`;
      triggers.set(name, `CREATE TRIGGER "${name}" AFTER ${event} ON "${table}" WHEN ${NOT_PAUSED} BEGIN\n  ${bumpsFor(table, row)}\nEND`);
    }
  }
  return triggers;
}

/**
 * Makes the counters' table and the triggers every table should have, in one transaction; where
 * the database has them already, exactly, it writes nothing (a start costs one read of the schema).
 */
export function installChangeVersions(db: Db): void {
  const client = db.$client;
  const expected = expectedTriggers(db);
  const present = client
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?")
    .all(`${TRIGGER_PREFIX}%`) as { name: string; sql: string }[];
  const table = client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_versions'").get();
  if (table && present.length === expected.size && present.every((t) => expected.get(t.name) === t.sql)) return;
  client.transaction(() => {
    client.exec(`CREATE TABLE IF NOT EXISTS change_versions (
      scope INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (scope, id)
    ) WITHOUT ROWID`);
    for (const { name } of present) client.exec(`DROP TRIGGER "${name}"`);
    for (const sql of expected.values()) client.exec(sql);
  })();
}

/**
 * Runs `work`, a bulk write inside the caller's transaction, without counting row by row, then
 * bumps `shared` and `any` once: every kept view is drawn anew. Counted row by row, a 5,000-person
 * import (account, roles, enrollment, invitation, mail, audit) would add tens of thousands of counter writes
 * to the transaction that holds the server. Other connections never see the pause: it is written
 * and removed in the same transaction.
 */
export function countedAsOne<T>(db: Db, work: () => T): T {
  const client = db.$client;
  if (!client.inTransaction) throw new Error('countedAsOne runs inside a transaction');
  // No counters (a database the server has not started on): nothing to pause or bump.
  if (!client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'change_versions'").get()) return work();
  client.prepare(`INSERT OR IGNORE INTO change_versions (scope, id, version) VALUES (${Scope.Paused}, 0, 0)`).run();
  try {
    return work();
  } finally {
    client.prepare(`DELETE FROM change_versions WHERE scope = ${Scope.Paused}`).run();
    client.exec(`${bump(Scope.Shared, '0')}\n${bump(Scope.Any, '0')}`);
  }
}

/**
 * What a page reads: the viewer's own rows (and their cohorts'), one cohort's besides, the
 * directory of people, or everything.
 */
export type Reads = { kind: 'own' } | { kind: 'cohort'; cohortId: number } | { kind: 'people' } | { kind: 'everything' };

/**
 * The counters a page drawn for `viewerId` depends on, as one string that changes whenever one of
 * them does: `shared`, the viewer, the `cohort` counter of the cohorts they are enrolled in or
 * teach and the `members` one of those they teach; for `cohort`, both of that cohort's too; for
 * `people`, `shared` and the directory's; for `everything`, the `any` counter. Listed rather than
 * summed: a cohort leaving the list while the person's counter grows could otherwise add up to an
 * earlier stamp.
 */
export function readStamp(db: Db, viewerId: number, reads: Reads): string {
  if (reads.kind === 'everything') return String(anyVersion(db).get() ?? 0);
  if (reads.kind === 'people') return (directoryVersions(db).get() as string | null) ?? '';
  const cohortId = reads.kind === 'cohort' ? reads.cohortId : -1;
  return (ownVersions(db).get({ viewer: viewerId, cohort: cohortId }) as string | null) ?? '';
}

const anyVersion = preparedOnce((db) =>
  db.$client.prepare(`SELECT version FROM change_versions WHERE scope = ${Scope.Any} AND id = 0`).pluck(),
);

const directoryVersions = preparedOnce((db) =>
  db.$client
    .prepare(`SELECT group_concat(scope || '.' || version, ' ' ORDER BY scope) FROM change_versions
      WHERE scope IN (${Scope.Shared}, ${Scope.People}) AND id = 0`)
    .pluck(),
);

const ownVersions = preparedOnce((db) =>
  db.$client
    .prepare(`SELECT group_concat(scope || '.' || id || '.' || version, ' ' ORDER BY scope, id) FROM change_versions
      WHERE (scope = ${Scope.Shared} AND id = 0)
         OR (scope = ${Scope.Person} AND id = :viewer)
         OR (scope IN (${Scope.Cohort}, ${Scope.Members}) AND id = :cohort)
         OR (scope = ${Scope.Cohort} AND id IN (SELECT cohort_id FROM enrollments WHERE user_id = :viewer))
         OR (scope IN (${Scope.Cohort}, ${Scope.Members}) AND id IN (SELECT cohort_id FROM cohort_instructors WHERE user_id = :viewer))`)
    .pluck(),
);
