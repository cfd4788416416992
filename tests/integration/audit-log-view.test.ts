import { count } from 'drizzle-orm';
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { setRoles } from '../../src/lib/server/accounts/set-roles.ts';
import { updatePerson } from '../../src/lib/server/accounts/update-person.ts';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { auditCsvRows, listAuditPage, parseAuditQuery } from '../../src/lib/server/audit/report.ts';
import { auditSentence, sentenceText } from '../../src/lib/server/audit/sentence.ts';
import { createCohort, updateCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { commitImport } from '../../src/lib/server/enrollment/csv-import.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { grantQuizOverride } from '../../src/lib/server/quizzes/attempts.ts';
import { writeCsv } from '../../src/lib/server/reports/csv-writer.ts';
import { createTestDb } from '../db.ts';
import { buildPerson, insertPerson } from '../factories.ts';

let db: Db;
let coordinator: { id: number; roles: ['coordinator'] };
let hector: { id: number };
let cohortId: number;

beforeEach(async () => {
  db = createTestDb();
  coordinator = {
    id: insertPerson(db, { roles: ['coordinator'], fullName: 'Patricia Ibarra Solís', email: 'pibarra@stps.example.mx', curp: null }).id,
    roles: ['coordinator'],
  };
  const instructor = insertPerson(db, {
    roles: ['instructor'],
    fullName: 'Rosa Élida Cárdenas',
    email: 'rcardenas@stps.example.mx',
    curp: null,
  });
  hector = insertPerson(db, { roles: ['inspector'], fullName: 'Héctor Ñúñez Gutiérrez', email: 'hnunez@stps.example.mx' });
  cohortId = createCohort(db, {
    name: 'Generación 2026-2 · Centro-Bajío',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor.id],
    actorId: coordinator.id,
  }).id;
  updateCohort(db, {
    id: cohortId,
    name: 'Generación 2026-2 · Centro-Bajío',
    startsOn: '2026-09-14',
    endsOn: '2027-02-26',
    instructorIds: [],
    actorId: coordinator.id,
  });
  enrollInspectorOne(db, { cohortId, userId: hector.id, actorId: coordinator.id });
  withdrawInspector(db, { cohortId, userId: hector.id, actorId: coordinator.id, reason: 'Licencia médica' });
  setRoles(db, { userId: hector.id, roles: ['inspector', 'instructor'], actor: coordinator, reason: 'Imparte el módulo 4' });
  // Names without "Héctor" anywhere (the factories pick given names from a list).
  const { person } = insertPerson(db, { roles: ['inspector'], fullName: 'Ana Pérez Luna', email: 'aperez@stps.example.mx', curp: null });
  const p = { fullName: 'Luis Ortega Ruiz', email: 'lortega@stps.example.mx' };
  await commitImport(db, {
    cohortId,
    text: `nombre,correo,curp,entidad,oficina\n${p.fullName},${p.email},,Puebla,Oficina\n${person.fullName},${person.email},,${person.state},${person.office}`,
    actorId: coordinator.id,
    baseUrl: 'https://x.mx',
  });
  grantQuizOverride(db, {
    userId: hector.id,
    moduleSlug: '04-subcontratacion-repse',
    extraAttempts: 1,
    extraMinutes: 0,
    reason: 'Falla de luz',
    actorId: insertPerson(db, { roles: ['admin'], fullName: 'Leticia Ramírez Ocampo', email: 'lramirez@stps.example.mx', curp: null }).id,
  });
  updatePerson(db, {
    id: hector.id,
    person: { ...buildPerson({}, 3), fullName: 'Héctor Ñúñez Gutiérrez', email: 'hnunez@stps.example.mx', curp: null },
    actorId: coordinator.id,
  });
});

describe('the audit log as people read it', () => {
  test('every entry the domain wrote reads as a sentence with names, never ids or JSON keys', () => {
    const { entries, names } = listAuditPage(db, { pageSize: 500 });
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const sentence = sentenceText(auditSentence(entry, { names }));
      expect(sentence, entry.action).not.toMatch(
        /[{}[\]"]|\b(roles|rows|enrolled|module|attempt|question|score|instructorIds|fullName)\b\s*:|undefined|null/,
      );
      if (entry.cohortId !== null) expect(sentence).toContain('«Generación 2026-2 · Centro-Bajío»');
    }
    const withdrawal = entries.find((e) => e.action === 'enrollment.withdrawn');
    expect(withdrawal && sentenceText(auditSentence(withdrawal))).toBe(
      'Patricia Ibarra Solís dio de baja a Héctor Ñúñez Gutiérrez de «Generación 2026-2 · Centro-Bajío».',
    );
    const update = entries.find((e) => e.action === 'cohort.updated');
    expect(update && sentenceText(auditSentence(update, { names }))).toBe(
      'Patricia Ibarra Solís cambió la generación «Generación 2026-2 · Centro-Bajío»: inicio del 7 de septiembre de 2026 al 14 de septiembre de 2026; equipo docente de Rosa Élida Cárdenas a nadie.',
    );
  });

  test('finds a person by name without accents, as actor or as subject, and counts what it shows', () => {
    for (const typed of ['Héctor', 'hector', 'HECTOR nunez', 'hnunez@stps']) {
      const { filter } = parseAuditQuery(new URLSearchParams({ persona: typed }));
      const { entries, total } = listAuditEntries(db, { ...filter, pageSize: 500 });
      expect(total, typed).toBe(entries.length);
      expect(new Set(entries.map((e) => e.subjectUserId))).toEqual(new Set([hector.id]));
      // account.created, enrollment.created, .withdrawn, role.granted, quiz.override, account.updated
      expect(entries.map((e) => e.action).sort()).toEqual([
        'account.created',
        'account.updated',
        'enrollment.created',
        'enrollment.withdrawn',
        'quiz.override',
        'role.granted',
      ]);
    }
    const asActor = listAuditEntries(db, { person: 'patricia ibarra' });
    expect(asActor.total).toBeGreaterThan(0);
    expect(asActor.entries.every((e) => e.actorName === 'Patricia Ibarra Solís' || e.subjectName === 'Patricia Ibarra Solís')).toBe(true);
    expect(listAuditEntries(db, { person: 'Nadie Así' }).total).toBe(0);
    // 100% and _ are typed, not wildcards.
    expect(listAuditEntries(db, { person: '%' }).total).toBe(0);
  });

  test('the unfiltered total is the number of rows in the log, and the CSV holds exactly the filtered entries', () => {
    const stored = db.select({ n: count() }).from(auditLog).get()?.n;
    expect(listAuditEntries(db).total).toBe(stored);

    const { filter } = parseAuditQuery(new URLSearchParams({ persona: 'hector', generacion: String(cohortId) }));
    const rows = parseCsv(writeCsv(auditCsvRows(db, filter)).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['fecha_hora', 'accion', 'quien', 'que_paso', 'sobre_quien', 'generacion', 'motivo']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Baja', 'Inscripción']);
    expect(rows[1]?.slice(2)).toEqual([
      'Patricia Ibarra Solís',
      'Patricia Ibarra Solís dio de baja a Héctor Ñúñez Gutiérrez de «Generación 2026-2 · Centro-Bajío».',
      'Héctor Ñúñez Gutiérrez',
      'Generación 2026-2 · Centro-Bajío',
      'Licencia médica',
    ]);
  });

  test('ignores filter values that are not what the form sends, rather than failing', () => {
    const { filter } = parseAuditQuery(new URLSearchParams({ accion: 'drop table', generacion: 'x', desde: '2026-13-45', hasta: 'ayer' }));
    expect(filter).toEqual({ action: undefined, person: undefined, cohortId: undefined, from: undefined, to: undefined });
  });
});
