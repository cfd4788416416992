import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { enrollments, invitations, outbox, users } from '../../db/schema/index.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { commitImport, CsvFileError, previewImport } from '../../src/lib/server/enrollment/csv-import.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { buildPerson, insertPerson } from '../factories.ts';

let db: Db;
let coordinatorId: number;
let cohortId: number;
const baseUrl = 'https://aula.example.mx';
const HEADER = 'nombre,correo,curp,entidad,oficina';

function csvLine(n: number, overrides: Partial<Record<'fullName' | 'email' | 'curp' | 'state' | 'office', string>> = {}): string {
  const p = buildPerson({ state: (['Puebla', 'Estado de México', 'San Luis Potosí'] as const)[n % 3] }, 100 + n);
  const v = { fullName: p.fullName, email: p.email, curp: p.curp ?? '', state: p.state, office: p.office, ...overrides };
  return [v.fullName, v.email, v.curp, v.state, `"${v.office}"`].join(',');
}

function count(table: typeof users | typeof enrollments | typeof invitations | typeof outbox): number {
  return db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
}

beforeEach(() => {
  db = createTestDb();
  coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
  cohortId = createCohort(db, {
    name: 'Generación CSV',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [],
    actorId: coordinatorId,
  }).id;
});

describe('previewImport', () => {
  test('lists every bad row with its line number and the reason in Spanish, and writes nothing', () => {
    const text = [
      HEADER,
      csvLine(1),
      csvLine(2, { curp: 'HEGG560427MVZRRL05' }),
      csvLine(3, { email: 'no-es-correo' }),
      csvLine(4, { state: 'Texas' }),
      csvLine(5, { fullName: '' }),
    ].join('\n');
    const usersBefore = count(users);
    const preview = previewImport(db, cohortId, text);
    expect(preview.counts).toMatchObject({ total: 5, valid: 1, invalid: 4 });
    expect(preview.invalid.map((r) => [r.line, r.errors])).toEqual([
      [3, ['El dígito verificador de la CURP no corresponde (debería ser 4). Revise que esté bien escrita.']],
      [4, ['El correo «no-es-correo» no es válido.']],
      [5, ['La entidad «Texas» no es una entidad federativa.']],
      [6, ['Falta el nombre completo.']],
    ]);
    expect(count(users)).toBe(usersBefore);
  });

  test('flags the same email or CURP twice in one file, naming the first line', () => {
    const text = [HEADER, csvLine(1), csvLine(1)].join('\n');
    const preview = previewImport(db, cohortId, text);
    expect(preview.invalid).toHaveLength(1);
    expect(preview.invalid[0]?.line).toBe(3);
    expect(preview.invalid[0]?.errors.join(' ')).toMatch(/ya aparece en la línea 2/);
  });

  test('matches existing accounts by email (any case) and refuses a CURP held by another account', () => {
    const existing = insertPerson(db, { roles: ['inspector'] }, 101);
    const other = insertPerson(db, { roles: ['inspector'] }, 102);
    const text = [HEADER, csvLine(1, { email: existing.person.email.toUpperCase() }), csvLine(3, { curp: other.person.curp ?? '' })].join(
      '\n',
    );
    const preview = previewImport(db, cohortId, text);
    expect(preview.rows[0]).toMatchObject({ status: 'existing', userId: existing.id, errors: [] });
    expect(preview.rows[1]?.errors[0]).toMatch(/pertenece a otra cuenta/);
  });

  test('a file without the required columns is a file-level error', () => {
    expect(() => previewImport(db, cohortId, 'nombre,correo\nAna,a@x.mx')).toThrow(CsvFileError);
  });
});

describe('commitImport', () => {
  test('writes nothing at all while any row is invalid', async () => {
    const before = [count(users), count(enrollments), count(invitations), count(outbox)];
    const result = await commitImport(db, {
      cohortId,
      text: [HEADER, csvLine(1), csvLine(2, { email: 'x' })].join('\n'),
      actorId: coordinatorId,
      baseUrl,
    });
    expect('preview' in result).toBe(true);
    expect([count(users), count(enrollments), count(invitations), count(outbox)]).toEqual(before);
  });

  test('creates accounts, invitations and enrollments for every row in one go', async () => {
    const text = [HEADER, ...[1, 2, 3, 4, 5].map((n) => csvLine(n))].join('\n');
    const result = await commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl });
    if ('preview' in result) throw new Error('expected a result');
    expect(result).toMatchObject({ enrolled: 5, created: 5, skipped: 0 });
    expect(result.invitations.every((i) => i.link.startsWith(`${baseUrl}/invitacion/`))).toBe(true);
    expect(count(enrollments)).toBe(5);
    expect(count(outbox)).toBe(5);
  });

  test('importing the same file twice creates no duplicates', async () => {
    const text = [HEADER, csvLine(1), csvLine(2)].join('\r\n');
    await commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl });
    const after = [count(users), count(enrollments), count(invitations)];
    const second = await commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl });
    expect(second).toMatchObject({ enrolled: 0, created: 0, skipped: 2 });
    expect([count(users), count(enrollments), count(invitations)]).toEqual(after);
  });

  test('rolls everything back when a write fails halfway', async () => {
    // A trigger makes the third enrollment fail, as a crash or a constraint would.
    db.run(
      sql`create trigger fail_third before insert on enrollments when (select count(*) from enrollments) >= 2 begin select raise(abort, 'simulated failure'); end`,
    );
    const before = [count(users), count(enrollments), count(invitations), count(outbox)];
    const text = [HEADER, csvLine(1), csvLine(2), csvLine(3)].join('\n');
    await expect(commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl })).rejects.toThrow(/simulated failure/);
    expect([count(users), count(enrollments), count(invitations), count(outbox)]).toEqual(before);
  });

  test('re-enrolls a withdrawn inspector found in the file instead of refusing', async () => {
    const person = insertPerson(db, { roles: ['inspector'] }, 101);
    enrollInspectorOne(db, { cohortId, userId: person.id, actorId: coordinatorId });
    db.update(enrollments).set({ status: 'withdrawn' }).run();
    const result = await commitImport(db, { cohortId, text: [HEADER, csvLine(1)].join('\n'), actorId: coordinatorId, baseUrl });
    expect(result).toMatchObject({ enrolled: 1, created: 0 });
    expect(db.select({ status: enrollments.status }).from(enrollments).get()?.status).toBe('active');
  });
});
