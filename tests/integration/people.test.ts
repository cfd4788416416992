import { beforeEach, describe, expect, test } from 'vitest';
import { getPerson, listPeople } from '../../src/lib/server/accounts/people.ts';
import { registerPerson } from '../../src/lib/server/accounts/register-person.ts';
import { updatePerson } from '../../src/lib/server/accounts/update-person.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { createTestDb } from '../db.ts';
import { buildPerson, insertPerson } from '../factories.ts';

let db: Db;
beforeEach(() => {
  db = createTestDb();
});

describe('listPeople', () => {
  test('finds people accent- and case-insensitively by name, email or CURP', () => {
    const jose = insertPerson(db, { fullName: 'José Ñúñez Gutiérrez', state: 'Puebla' });
    insertPerson(db, { fullName: 'Ana López Cortés', state: 'San Luis Potosí' });
    expect(listPeople(db, { query: 'nunez JOSE' }).rows.map((r) => r.id)).toEqual([jose.id]);
    expect(listPeople(db, { query: jose.person.curp?.toLowerCase() }).rows.map((r) => r.id)).toEqual([jose.id]);
    expect(listPeople(db, { query: '%' }).total).toBe(0);
  });

  test('filters by role and state and pages in name order', () => {
    for (let n = 1; n <= 30; n++)
      insertPerson(db, { state: n % 2 ? 'Puebla' : 'Estado de México', roles: n <= 3 ? ['instructor'] : ['inspector'] }, n);
    expect(listPeople(db, { role: 'instructor' }).total).toBe(3);
    expect(listPeople(db, { state: 'Puebla' }).total).toBe(15);
    const page2 = listPeople(db, { pageSize: 10, page: 2 });
    expect(page2).toMatchObject({ total: 30, page: 2, pages: 3 });
    const all = listPeople(db, { pageSize: 100 }).rows.map((r) => r.fullName);
    // As a Spanish reader sorts (Álvaro before Beatriz), not by code point (issue #12).
    expect(all).toEqual([...all].sort(new Intl.Collator('es-MX').compare));
    expect(listPeople(db, { pageSize: 10, page: 99 }).page).toBe(3);
  });
});

describe('registerPerson and updatePerson', () => {
  test('refuses a second account with the same email in another case, or the same CURP', async () => {
    const { person } = insertPerson(db, {}, 1);
    const { sex: _s, ...other } = buildPerson({}, 2);
    const actor = { id: insertPerson(db, { roles: ['coordinator'] }).id, roles: ['coordinator' as const] };
    await expect(
      registerPerson(db, { person: { ...other, email: person.email }, roles: ['inspector'], actor, baseUrl: 'https://x.mx' }),
    ).rejects.toMatchObject({ code: 'people.emailTaken' });
    await expect(
      registerPerson(db, { person: { ...other, curp: person.curp }, roles: ['inspector'], actor, baseUrl: 'https://x.mx' }),
    ).rejects.toMatchObject({ code: 'people.curpTaken' });
    await expect(registerPerson(db, { person: other, roles: ['admin'], actor, baseUrl: 'https://x.mx' })).rejects.toBeInstanceOf(
      DomainError,
    );
  });

  test('an edit keeps search in step with the new name', () => {
    const { id, person } = insertPerson(db, { fullName: 'Raúl Pérez' });
    const coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
    updatePerson(db, { id, person: { ...person, fullName: 'Raúl Pérez Quiñones' }, actorId: coordinatorId });
    expect(getPerson(db, id)?.fullName).toBe('Raúl Pérez Quiñones');
    expect(listPeople(db, { query: 'quinones' }).rows.map((r) => r.id)).toEqual([id]);
  });
});
