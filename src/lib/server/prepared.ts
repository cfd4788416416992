import type { Db } from './db.ts';

/**
 * A statement prepared once per connection, for queries on every request (session, enrollment,
 * progress): drizzle otherwise rebuilds and re-prepares the SQL each call.
 * @example const byId = preparedOnce((db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
 *          byId(db).get({ id });
 */
export function preparedOnce<T>(prepare: (db: Db) => T): (db: Db) => T {
  const statements = new WeakMap<Db, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
