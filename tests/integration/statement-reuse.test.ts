import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/connection.ts';
import { users } from '../../db/schema/index.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

// db/connection.ts hands the same compiled statement to every query with the same SQL.
describe('statements reused across queries', () => {
  let db: Db;
  afterEach(() => db?.$client.close());

  it('gives back the compiled statement for the same SQL, and a new one for other SQL', () => {
    db = createTestDb();
    const first = db.$client.prepare('select count(*) as n from users');
    expect(db.$client.prepare('select count(*) as n from users')).toBe(first);
    expect(db.$client.prepare('select count(*) as n from cohorts')).not.toBe(first);
  });

  it('answers each query with its own parameters and in the shape it asked for', () => {
    db = createTestDb();
    const ana = insertPerson(db, { fullName: 'Ana Pérez López' }, 1);
    const luis = insertPerson(db, { fullName: 'Luis Soto Ruiz' }, 2);
    const byId = (id: number) => db.select({ name: users.fullName }).from(users).where(eq(users.id, id)).get();
    expect(byId(ana.id)?.name).toBe('Ana Pérez López');
    expect(byId(luis.id)?.name).toBe('Luis Soto Ruiz');
    // Drizzle turns `raw` on for the query builder; the same SQL asked for objects gets objects.
    const source = db.select({ name: users.fullName }).from(users).where(eq(users.id, ana.id)).toSQL().sql;
    expect(db.$client.prepare(source).get(ana.id)).toEqual({ full_name: 'Ana Pérez López' });
    expect(byId(ana.id)).toEqual({ name: 'Ana Pérez López' });
    expect(db.all(sql`select ${users.fullName} as name from ${users} where ${users.id} = ${luis.id}`)).toEqual([
      { name: 'Luis Soto Ruiz' },
    ]);
  });

  it('compiles a second statement while the first is still iterating', () => {
    db = createTestDb();
    insertPerson(db, {}, 1);
    insertPerson(db, {}, 2);
    const source = 'select id from users order by id';
    const total = (db.$client.prepare('select count(*) as n from users').get() as { n: number }).n;
    const seen: number[] = [];
    for (const _row of db.$client.prepare(source).iterate()) {
      // The same SQL inside the loop cannot use the busy statement: it gets one of its own.
      seen.push(db.$client.prepare(source).all().length);
    }
    expect(seen).toEqual(Array.from({ length: total }, () => total));
  });
});
