import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './db.ts';

/**
 * One insert statement of `table` with the given columns, prepared once on the connection, for
 * the thousands of rows of an import: drizzle's own prepared queries spend more time per row
 * (placeholders, result mapping) than SQLite spends inserting it (issue #11). Column names come
 * from the schema and values go through each column's own mapping (a Date to milliseconds), as
 * with drizzle. Returns a function that inserts a row and returns its rowid.
 *
 * Runs on the connection itself: call it inside the caller's `db.transaction`, whose statements
 * share that one connection.
 * @example const insertRole = prepareInsert(db, userRoles, ['userId', 'role']); insertRole({ userId, role: 'inspector' });
 */
export function prepareInsert<T extends SQLiteTable, K extends keyof T['$inferInsert'] & string>(
  db: Db,
  table: T,
  keys: readonly K[],
): (row: Pick<T['$inferInsert'], K>) => number {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const used = keys.map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    return { key, column };
  });
  const statement = db.$client.prepare(
    `insert into "${getTableName(table)}" (${used.map((u) => `"${u.column.name}"`).join(', ')}) values (${used.map(() => '?').join(', ')})`,
  );
  return (row) => {
    const values = used.map(({ key, column }) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return Number(statement.run(...values).lastInsertRowid);
  };
}
