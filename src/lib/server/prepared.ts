import type { Db, Executor } from './db.ts';

/**
 * A statement prepared once per connection, for queries on every request (session, enrollment,
 * progress): drizzle otherwise rebuilds and re-prepares the SQL each call.
 * @example const byId = preparedOnce((db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
 *          byId(db).get({ id });
 */
export function preparedOnce<T>(prepare: (db: Db) => T): (db: Executor) => T {
  const statements = new WeakMap<Executor, T>();
  return (db) => {
    let statement = statements.get(db);
    if (!statement) {
      // A transaction handle builds and prepares queries as the database does (the same
      // connection); it gets statements of its own, kept while it lives.
      statement = prepare(db as Db);
      statements.set(db, statement);
    }
    return statement;
  };
}
