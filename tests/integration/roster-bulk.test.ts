import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, enrollments, invitations, outbox } from '../../db/schema/index.ts';
import { resendInvitations } from '../../src/lib/server/accounts/bulk-invitations.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { withdrawInspectors } from '../../src/lib/server/enrollment/bulk-withdraw.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { rosterExportRows } from '../../src/lib/server/enrollment/roster-export.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { writeCsv } from '../../src/lib/server/reports/csv-writer.ts';
import { writeXlsx } from '../../src/lib/server/reports/xlsx-writer.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
let coordinatorId: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  coordinatorId = insertPerson(db, { roles: ['coordinator'] }).id;
  const instructorId = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = createCohort(db, {
    name: 'Generación de prueba',
    startsOn: '2026-09-01',
    endsOn: '2027-01-31',
    instructorIds: [instructorId],
    actorId: coordinatorId,
  }).id;
});

function enrolled(fullName: string, roles: ('inspector' | 'admin' | 'coordinator')[] = ['inspector']): number {
  const { id } = insertPerson(db, { fullName, roles: ['inspector', ...roles.filter((r) => r !== 'inspector')] });
  enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
  return id;
}

function statusOf(userId: number): string | undefined {
  return db
    .select({ status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.cohortId, cohortId), eq(enrollments.userId, userId)))
    .get()?.status;
}

function refusal(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('withdrawInspectors', () => {
  test('withdraws everyone marked with one reason, audited once per person', () => {
    const a = enrolled('Ángela Ñúñez Gutiérrez');
    const b = enrolled('Óscar Pérez Ibarra');
    const c = enrolled('Zoé Ramírez Luna');
    expect(withdrawInspectors(db, { cohortId, userIds: [a, b, a], actorId: coordinatorId, reason: 'Cambio de adscripción' })).toEqual({
      withdrawn: 2,
    });
    expect([statusOf(a), statusOf(b), statusOf(c)]).toEqual(['withdrawn', 'withdrawn', 'active']);
    const entries = db.select().from(auditLog).where(eq(auditLog.action, 'enrollment.withdrawn')).all();
    expect(entries.map((e) => [e.subjectUserId, e.reason, e.actorId, e.cohortId])).toEqual([
      [a, 'Cambio de adscripción', coordinatorId, cohortId],
      [b, 'Cambio de adscripción', coordinatorId, cohortId],
    ]);
  });

  test('withdraws nobody when one marked person may not be acted on, and names who and why', () => {
    const a = enrolled('Ángela Ñúñez Gutiérrez');
    const admin = enrolled('Beatriz Admin Soto', ['admin']);
    const gone = enrolled('Carlos Baja Ruiz');
    withdrawInspector(db, { cohortId, userId: gone, actorId: coordinatorId, reason: 'Antes' });
    const error = refusal(() => withdrawInspectors(db, { cohortId, userIds: [a, admin, gone], actorId: coordinatorId, reason: 'Lote' }));
    expect(error.code).toBe('roster.bulk.refused');
    expect(String(error.params.list)).toContain('Beatriz Admin Soto (tiene el rol «Administración»; solo la administración puede hacerlo)');
    expect(String(error.params.list)).toContain('Carlos Baja Ruiz (ya estaba dada de baja)');
    expect(String(error.params.list)).not.toContain('Ángela');
    expect([statusOf(a), statusOf(admin)]).toEqual(['active', 'active']);
    expect(db.select().from(auditLog).where(eq(auditLog.reason, 'Lote')).all()).toEqual([]);
  });

  test('refuses people of another cohort and the coordinator themselves', () => {
    const stranger = insertPerson(db, { fullName: 'Diego Fuera Mora' }).id;
    const error = refusal(() =>
      withdrawInspectors(db, { cohortId, userIds: [stranger, coordinatorId], actorId: coordinatorId, reason: 'Lote' }),
    );
    expect(error.code).toBe('roster.bulk.refused');
    expect(String(error.params.list)).toContain('no está inscrita en esta generación');
  });

  test('refuses an empty selection', () => {
    expect(refusal(() => withdrawInspectors(db, { cohortId, userIds: [], actorId: coordinatorId, reason: 'Lote' })).code).toBe(
      'roster.bulk.none',
    );
  });
});

describe('resendInvitations', () => {
  test('issues a new link to each marked person, replacing the unused one, and queues one message each', async () => {
    const a = enrolled('Ángela Ñúñez Gutiérrez');
    const b = enrolled('Óscar Pérez Ibarra');
    const issued = await resendInvitations(db, { cohortId, userIds: [a, b], actorId: coordinatorId, baseUrl: 'https://aula.example.mx' });
    expect(issued.map((i) => i.userId)).toEqual([a, b]);
    const open = db
      .select()
      .from(invitations)
      .all()
      .filter((i) => i.usedAt === null);
    expect(open.map((i) => i.userId).sort()).toEqual([a, b].sort());
    expect(
      db
        .select()
        .from(outbox)
        .all()
        .filter((m) => issued.some((i) => i.messageId === m.id)),
    ).toHaveLength(2);
  });

  test('sends nothing when one marked person holds a role the coordinator may not grant', async () => {
    const a = enrolled('Ángela Ñúñez Gutiérrez');
    const admin = enrolled('Beatriz Admin Soto', ['admin']);
    const before = db.select().from(invitations).all().length;
    await expect(
      resendInvitations(db, { cohortId, userIds: [a, admin], actorId: coordinatorId, baseUrl: 'https://aula.example.mx' }),
    ).rejects.toMatchObject({
      code: 'roster.bulk.inviteRefused',
    });
    expect(db.select().from(invitations).all()).toHaveLength(before);
  });
});

describe('rosterExportRows', () => {
  test('lists the whole roster, withdrawn people included, in Spanish order, and both formats neutralise a formula name', async () => {
    const zoe = enrolled('Zoé Ramírez Luna');
    enrolled('Ángela Ñúñez Gutiérrez');
    enrolled('=HYPERLINK("http://evil.example","Ana")');
    withdrawInspector(db, { cohortId, userId: zoe, actorId: coordinatorId, reason: 'Cambio' });
    const rows = rosterExportRows(db, cohortId);
    expect(rows[0]).toEqual(['nombre', 'correo', 'curp', 'entidad', 'oficina', 'inscripcion', 'fecha_inscripcion', 'fecha_baja']);
    expect(rows.slice(1).map((r) => [r[0], r[5]])).toEqual([
      ['=HYPERLINK("http://evil.example","Ana")', 'Inscrito/a'],
      ['Ángela Ñúñez Gutiérrez', 'Inscrito/a'],
      ['Zoé Ramírez Luna', 'Baja'],
    ]);
    expect(rows[3]?.[7]).toEqual(expect.any(String));
    expect(writeCsv(rows)).toContain(`"'=HYPERLINK(""http://evil.example"",""Ana"")"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx('Inscripciones', rows)).buffer as ArrayBuffer);
    expect(workbook.worksheets[0]?.getCell('A2').value).toBe(`'=HYPERLINK("http://evil.example","Ana")`);
  });
});
