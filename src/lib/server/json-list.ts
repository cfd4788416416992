import { type SQL, sql } from 'drizzle-orm';

/**
 * A list of values for `inArray()`, bound as one JSON parameter and read back by SQLite's
 * `json_each`: one placeholder however long the list, where drizzle would build (slowly) one per
 * value and SQLite caps them at 32,766. Not correlated, so the table-name trap of issue #11 does
 * not apply.
 * @example db.select({ id: users.id }).from(users).where(inArray(users.email, jsonList(emails)))
 */
export function jsonList(values: readonly (string | number)[]): SQL {
  return sql`(select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * The same list in a prepared statement (prepared.ts): bound when it runs, as
 * `{ [name]: JSON.stringify(values) }`.
 * @example preparedOnce((db) => db.select().from(users).where(inArray(users.id, jsonListPlaceholder('ids'))).prepare())
 */
export function jsonListPlaceholder(name: string): SQL {
  return sql`(select value from json_each(${sql.placeholder(name)}))`;
}
