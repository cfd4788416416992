import { eq, gt, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, enrollments, invitations, outbox, userRoles, users } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { commitImport, previewImport } from '../../src/lib/server/enrollment/csv-import.ts';
import { CSV_MAX_BYTES, CSV_MAX_ROWS } from '../../src/lib/server/enrollment/csv-parse.ts';
import { CsvFileError } from '../../src/lib/server/enrollment/import-rows.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { buildPerson, DEMO_OFFICES, insertPerson } from '../factories.ts';

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
  test('lists every bad row with its line number and the reason in Spanish, and writes nothing', async () => {
    const text = [
      HEADER,
      csvLine(1),
      csvLine(2, { curp: 'HEGG560427MVZRRL05' }),
      csvLine(3, { email: 'no-es-correo' }),
      csvLine(4, { state: 'Texas' }),
      csvLine(5, { fullName: '' }),
    ].join('\n');
    const usersBefore = count(users);
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.counts).toMatchObject({ total: 5, valid: 1, invalid: 4 });
    expect(preview.invalid.map((r) => [r.line, r.errors])).toEqual([
      [3, ['El dígito verificador de la CURP no corresponde (debería ser 4). Revise que esté bien escrita.']],
      [4, ['El correo «no-es-correo» no es válido.']],
      [5, ['La entidad «Texas» no es una entidad federativa.']],
      [6, ['Falta el nombre completo.']],
    ]);
    expect(count(users)).toBe(usersBefore);
  });

  test('flags the same email or CURP twice in one file, naming the first line', async () => {
    const text = [HEADER, csvLine(1), csvLine(1)].join('\n');
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.invalid).toHaveLength(1);
    expect(preview.invalid[0]?.line).toBe(3);
    expect(preview.invalid[0]?.errors.join(' ')).toMatch(/ya aparece en la línea 2/);
  });

  test('matches existing accounts by email (any case) and refuses a CURP held by another account', async () => {
    const existing = insertPerson(db, { roles: ['inspector'] }, 101);
    const other = insertPerson(db, { roles: ['inspector'] }, 102);
    const text = [HEADER, csvLine(1, { email: existing.person.email.toUpperCase() }), csvLine(3, { curp: other.person.curp ?? '' })].join(
      '\n',
    );
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.rows[0]).toMatchObject({ status: 'existing', userId: existing.id, errors: [] });
    expect(preview.rows[1]?.errors[0]).toMatch(/pertenece a otra cuenta/);
  });

  test('refuses a row with more cells than the header, and one with fewer, naming both counts', async () => {
    const text = [HEADER, `${csvLine(1)},sobrante`, csvLine(2), 'Ana López,ana@x.mx,Puebla,Oficina', `${csvLine(3)},,`].join('\n');
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.invalid.map((r) => [r.line, r.errors])).toEqual([
      [2, ['La fila tiene 6 columnas; se esperaban 5.']],
      [4, ['La fila tiene 4 columnas; se esperaban 5.']],
    ]);
  });

  test('a file the CSV parser cannot read is told in Spanish with its line, without echoing it', async () => {
    const text = [HEADER, csvLine(1), 'Ana "=cmd|calc",ana@x.mx,,Puebla,Oficina'].join('\n');
    const error = await previewImport(db, { cohortId, text, actorId: coordinatorId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvFileError);
    const message = t((error as CsvFileError).code, (error as CsvFileError).params);
    expect(message).toBe(t('csv.unreadable.quote', { line: 3 }));
    expect(message).not.toMatch(/cmd|calc|Invalid|Quote/);
  });

  test('refuses an existing inspector who also holds a role the coordinator may not grant', async () => {
    const colleague = insertPerson(db, { roles: ['inspector', 'coordinator'] }, 101);
    const preview = await previewImport(db, { cohortId, text: [HEADER, csvLine(1)].join('\n'), actorId: coordinatorId });
    expect(preview.invalid[0]?.errors).toEqual([t('people.actOn.role', { name: colleague.person.fullName, role: t('role.coordinator') })]);
  });

  test('a file without the required columns is a file-level error', async () => {
    await expect(previewImport(db, { cohortId, text: 'nombre,correo\nAna,a@x.mx', actorId: coordinatorId })).rejects.toThrow(CsvFileError);
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

  test(`refuses more than ${CSV_MAX_ROWS} rows or more than the size limit, writing nothing`, async () => {
    const before = [count(users), count(enrollments), count(invitations), count(outbox)];
    const tooMany = [HEADER, ...Array.from({ length: CSV_MAX_ROWS + 1 }, (_, i) => csvLine(i))].join('\n');
    await expect(commitImport(db, { cohortId, text: tooMany, actorId: coordinatorId, baseUrl })).rejects.toThrow(CsvFileError);
    // The confirmation gets the text back from the page: the preview's size limit applies to it too.
    const tooLarge = [HEADER, csvLine(1, { office: 'x'.repeat(CSV_MAX_BYTES) })].join('\n');
    await expect(commitImport(db, { cohortId, text: tooLarge, actorId: coordinatorId, baseUrl })).rejects.toMatchObject({
      code: 'csv.tooLarge',
    });
    expect([count(users), count(enrollments), count(invitations), count(outbox)]).toEqual(before);
  });

  test('two imports racing for the same new people: the first writes, the second writes nothing and asks for a new review', async () => {
    const text = [HEADER, ...[1, 2, 3, 4].map((n) => csvLine(n))].join('\n');
    const [first, second] = await Promise.all([
      commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl }),
      commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl }),
    ]);
    expect(first).toMatchObject({ enrolled: 4, created: 4 });
    expect('preview' in second && second.preview.counts).toMatchObject({ already: 4 });
    expect([count(users), count(enrollments), count(invitations), count(outbox)]).toEqual([5, 4, 4, 4]);
  });

  test('writes every account, role, invitation, message, enrollment and audit entry of a large file', async () => {
    const rows = 1200;
    const text = [HEADER, ...Array.from({ length: rows }, (_, i) => csvLine(i))].join('\n');
    const result = await commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl });
    if ('preview' in result) throw new Error('expected a result');
    expect(result).toMatchObject({ enrolled: rows, created: rows, skipped: 0 });
    expect([count(users), count(enrollments), count(invitations), count(outbox)]).toEqual([rows + 1, rows, rows, rows]);
    const stored = db.select({ id: users.id, email: users.email, searchText: users.searchText }).from(users).all();
    const byEmail = new Map(stored.map((u) => [u.email, u]));
    for (const invitation of result.invitations) {
      expect(byEmail.get(invitation.email)?.id).toBe(invitation.userId);
      expect(invitation.link).toMatch(/^https:\/\/aula\.example\.mx\/invitacion\/[a-z2-7]+$/);
    }
    expect(new Set(result.invitations.map((i) => i.messageId)).size).toBe(rows);
    const first = result.invitations[0];
    const message = db
      .select()
      .from(outbox)
      .where(eq(outbox.id, first?.messageId ?? 0))
      .get();
    expect(message?.to).toBe(first?.email);
    expect(message?.body).toContain(first?.link);
    const audit = db
      .select({ action: auditLog.action, n: sql<number>`count(*)` })
      .from(auditLog)
      .where(gt(auditLog.id, 1))
      .groupBy(auditLog.action)
      .all();
    expect(Object.fromEntries(audit.map((a) => [a.action, a.n]))).toMatchObject({
      'account.created': rows,
      'account.invited': rows,
      'enrollment.created': rows,
      'enrollment.imported': 1,
    });
    expect(db.select({ n: sql<number>`count(*)` }).from(userRoles).where(eq(userRoles.role, 'inspector')).get()?.n).toBe(rows);
    expect(byEmail.get(first?.email ?? '')?.searchText).toContain(first?.email);
  });

  test('re-enrolls a withdrawn inspector found in the file instead of refusing', async () => {
    const person = insertPerson(db, { roles: ['inspector'] }, 101);
    enrollInspectorOne(db, { cohortId, userId: person.id, actorId: coordinatorId });
    db.update(enrollments).set({ status: 'withdrawn' }).run();
    const result = await commitImport(db, { cohortId, text: [HEADER, csvLine(1)].join('\n'), actorId: coordinatorId, baseUrl });
    expect(result).toMatchObject({ enrolled: 1, created: 0 });
    expect(db.select({ status: enrollments.status }).from(enrollments).get()?.status).toBe('active');
  });

  test('refuses, naming it, a row whose person is active in another running cohort of the diplomado', async () => {
    const person = insertPerson(db, { roles: ['inspector'] }, 101);
    const endsOn = new Date(Date.now() + 90 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const running = createCohort(db, { name: 'Generación en curso', startsOn: '2026-01-01', endsOn, instructorIds: [], actorId: null }).id;
    enrollInspectorOne(db, { cohortId: running, userId: person.id, actorId: coordinatorId });
    const text = [HEADER, csvLine(1), csvLine(2)].join('\n');
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.invalid.map((r) => [r.line, r.errors])).toEqual([
      [2, [t('csv.row.activeElsewhere', { cohort: 'Generación en curso' })]],
    ]);
    const result = await commitImport(db, { cohortId, text, actorId: coordinatorId, baseUrl });
    expect('preview' in result).toBe(true);
    expect(db.select().from(enrollments).where(eq(enrollments.cohortId, cohortId)).all()).toHaveLength(0);
  });

  test('accepts an unlisted office, but refuses another state’s office', async () => {
    const text = [HEADER, csvLine(1, { office: 'Oficina auxiliar de Tehuacán' }), csvLine(2, { office: DEMO_OFFICES.Puebla })].join('\n');
    const preview = await previewImport(db, { cohortId, text, actorId: coordinatorId });
    expect(preview.invalid.map((r) => [r.line, r.errors])).toEqual([
      [3, [t('form.office.wrongState', { office: DEMO_OFFICES.Puebla, officeState: 'Puebla', state: 'San Luis Potosí' })]],
    ]);
  });
});
