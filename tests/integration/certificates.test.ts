import type Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { auditLog, certificates, liveSessions } from '../../db/schema/index.ts';
import type { CertificateSnapshot } from '../../src/lib/certificates/snapshot.ts';
import { openDatabase } from '../../db/connection.ts';
import { dc3Rows } from '../../src/lib/server/certificates/dc3-export.ts';
import { getCohortEligibility, grantEligibilityException } from '../../src/lib/server/certificates/eligibility.ts';
import { certificateFileResponse, listPersonCertificates } from '../../src/lib/server/certificates/files.ts';
import { isVerificationCode } from '../../src/lib/server/certificates/folio.ts';
import { issueCertificate } from '../../src/lib/server/certificates/issue.ts';
import { startCohortIssuance } from '../../src/lib/server/certificates/issue-cohort.ts';
import { reissueCertificate, revokeCertificate } from '../../src/lib/server/certificates/revoke.ts';
import { throttleVerification, verifyCertificate } from '../../src/lib/server/certificates/verify.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import type { SessionUser } from '../../src/lib/server/auth/session.ts';
import { completeProgram, fakeArtifacts, loadCertificateContext } from '../certificate-helpers.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const context = loadCertificateContext();
const [m1] = context.plan.modules;
const now = new Date('2026-12-01T18:00:00Z');

let db: Db;
let coordinator: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, context.plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  cohortId = insertCohort(db, {
    name: 'Generación 2026-2',
    startsOn: '2026-09-07',
    endsOn: '2026-11-27',
    instructorIds: [],
    actorId: null,
  }).id;
});

function learner(fullName?: string): number {
  const id = insertPerson(db, fullName ? { fullName } : {}).id;
  enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
  return id;
}

function eligibilityOf(userId: number) {
  const row = getCohortEligibility(db, cohortId, context, now).find((r) => r.userId === userId);
  if (!row) throw new Error('not listed');
  return row;
}

function user(id: number, roles: SessionUser['roles']): SessionUser {
  return { id, roles, fullName: 'x', email: 'x@example.mx' } as SessionUser;
}

describe('getCohortEligibility', () => {
  test('a person who met every rule is eligible and nothing is missing', () => {
    const id = learner();
    completeProgram(db, context, { userId: id, actorId: coordinator });
    expect(eligibilityOf(id)).toMatchObject({ eligible: true, unmet: [], missing: [] });
  });

  test('hours short names the module and the hours, in the learner home words', () => {
    const id = learner();
    completeProgram(db, context, { userId: id, actorId: coordinator, shortModule: m1?.slug, shortMinutes: 150 });
    const row = eligibilityOf(id);
    expect(row.eligible).toBe(false);
    expect(row.unmet).toEqual(['hours']);
    expect(row.missing).toEqual(['Le faltan 2.5 h del módulo 1.']);
  });

  test('a quiz not passed is missing', () => {
    const id = learner();
    const quiz = context.quizzes[2]?.moduleSlug as string;
    completeProgram(db, context, { userId: id, actorId: coordinator, skipQuizzes: [quiz] });
    const row = eligibilityOf(id);
    expect(row.unmet).toEqual([`quiz:${quiz}`]);
    expect(row.missing.join(' ')).toMatch(/aprobar la evaluación del módulo 3/);
  });

  test('attendance below the share is missing, and an exception with its reason waives it (audited)', () => {
    const id = learner();
    completeProgram(db, context, { userId: id, actorId: coordinator });
    db.insert(liveSessions)
      .values({
        cohortId,
        moduleSlug: m1?.slug as string,
        title: 'Sesión 1',
        startsAt: new Date('2026-09-10T16:00:00Z'),
        durationMinutes: 60,
        mode: 'virtual',
        location: 'https://meet.example.mx/1',
        checkinSecret: 'x',
        createdBy: coordinator,
        createdAt: new Date('2026-09-01T16:00:00Z'),
      })
      .run();
    const before = eligibilityOf(id);
    expect(before.unmet).toEqual(['attendance']);
    expect(before.missing).toEqual(['Ha asistido al 0 % de las sesiones en vivo realizadas; la constancia pide al menos el 80 %.']);

    expect(() =>
      grantEligibilityException(db, context, { cohortId, userId: id, rule: 'attendance', reason: '  ', actorId: coordinator }),
    ).toThrow();
    grantEligibilityException(db, context, {
      cohortId,
      userId: id,
      rule: 'attendance',
      reason: 'Inasistencia justificada por comisión oficial',
      actorId: coordinator,
    });
    const after = eligibilityOf(id);
    expect(after).toMatchObject({ eligible: true, missing: [] });
    expect(after.exceptions[0]).toMatchObject({ rule: 'attendance', reason: 'Inasistencia justificada por comisión oficial' });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'eligibility.exception')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.reason).toBe('Inasistencia justificada por comisión oficial');
    expect(() =>
      grantEligibilityException(db, context, { cohortId, userId: id, rule: 'attendance', reason: 'Otra vez', actorId: coordinator }),
    ).toThrow();
  });

  test('an exception waives only its rule: the other missing rule is still named', () => {
    const id = learner();
    const quiz = context.quizzes[0]?.moduleSlug as string;
    completeProgram(db, context, { userId: id, actorId: coordinator, skipQuizzes: [quiz], shortModule: m1?.slug, shortMinutes: 60 });
    grantEligibilityException(db, context, {
      cohortId,
      userId: id,
      rule: 'hours',
      reason: 'Horas acreditadas por equivalencia',
      actorId: coordinator,
    });
    const row = eligibilityOf(id);
    expect(row.eligible).toBe(false);
    expect(row.missing.join(' ')).toMatch(/aprobar la evaluación del módulo 1/);
    expect(row.missing.join(' ')).not.toMatch(/h del módulo/);
  });
});

describe('issueCertificate', () => {
  test('issues an immutable record with a sequential folio, a random code, the snapshot and the PDF hash', async () => {
    const a = learner('José Ñúñez Güémez');
    const b = learner();
    completeProgram(db, context, { userId: a, actorId: coordinator, grade: 0.8 });
    completeProgram(db, context, { userId: b, actorId: coordinator });
    const artifacts = fakeArtifacts();
    const first = await issueCertificate(db, artifacts, context, { cohortId, userId: a, actorId: coordinator, now });
    const second = await issueCertificate(db, artifacts, context, { cohortId, userId: b, actorId: coordinator, now });
    expect(first).toMatchObject({ status: 'issued', folio: 'DIF-2026-00001' });
    expect(second).toMatchObject({ status: 'issued', folio: 'DIF-2026-00002' });
    const row = db.select().from(certificates).where(eq(certificates.id, first.id)).get();
    expect(row && isVerificationCode(row.verificationCode)).toBe(true);
    const snapshot = JSON.parse(row?.snapshot ?? '{}') as CertificateSnapshot;
    expect(snapshot).toMatchObject({
      folio: 'DIF-2026-00001',
      person: { fullName: 'José Ñúñez Güémez' },
      hours: { total: 120 },
      finalGrade: 0.8,
      issuedOn: '2026-12-01',
      program: { contentHash: context.contentHash },
      verificationUrl: `https://aula.test/verificar/${row?.verificationCode}`,
    });
    expect(snapshot.hours.modules).toHaveLength(context.plan.modules.length);
    expect(snapshot.signatories[0]?.title).toBe('Titular de la Unidad de Trabajo Digno');
    expect(row?.statusListIndex).toBeGreaterThanOrEqual(0);
    // The stored file is served byte for byte, with its SHA-256 as the ETag.
    const response = certificateFileResponse(db, user(a, ['inspector']), 'DIF-2026-00001', 'pdf');
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(row?.pdf as Buffer)).toBe(true);
    expect(response.headers.get('ETag')).toBe(`"${row?.pdfSha256}"`);
    expect(response.headers.get('Content-Disposition')).toContain('constancia-DIF-2026-00001.pdf');
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'certificate.issued')).all()).toHaveLength(2);
    // The trigger keeps it immutable.
    expect(() => db.update(certificates).set({ snapshot: '{}' }).where(eq(certificates.id, first.id)).run()).toThrow(/immutable/);
  });

  test('refuses a person who is not eligible, in Spanish', async () => {
    const id = learner('Ana Pérez');
    await expect(issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: id, actorId: coordinator, now })).rejects.toMatchObject(
      {
        code: 'certificates.notEligible',
      },
    );
  });

  test('a template change later leaves the issued PDF byte-identical', async () => {
    const id = learner();
    completeProgram(db, context, { userId: id, actorId: coordinator });
    const issued = await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: id, actorId: coordinator, now });
    const stored = db.select({ pdf: certificates.pdf }).from(certificates).where(eq(certificates.id, issued.id)).get()?.pdf as Buffer;
    const changedTemplate = { ...fakeArtifacts(), renderPdf: async () => new TextEncoder().encode('%PDF-otra plantilla') };
    // Asking again with another template returns the same certificate and serves the same bytes.
    const again = await issueCertificate(db, changedTemplate, context, { cohortId, userId: id, actorId: coordinator, now });
    expect(again).toMatchObject({ status: 'existing', id: issued.id });
    const served = certificateFileResponse(db, user(coordinator, ['coordinator']), issued.folio, 'pdf');
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true);
  });
});

describe('bulk issuance', () => {
  test('issues every eligible person once, whatever the repetitions', async () => {
    const ids = Array.from({ length: 6 }, () => learner());
    for (const id of ids.slice(0, 5)) completeProgram(db, context, { userId: id, actorId: coordinator });
    const artifacts = fakeArtifacts();
    const run = startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator, now });
    // A double click joins the running run.
    expect(startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator, now })).toBe(run);
    await run.done;
    expect(run).toMatchObject({ total: 5, issued: 5, failed: 0 });
    const again = startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator, now });
    await again.done;
    expect(again.total).toBe(0);
    const rows = db.select({ folio: certificates.folio, userId: certificates.userId }).from(certificates).all();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(5);
    expect(rows.map((r) => r.folio).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `DIF-2026-0000${n}`));
  });

  test('two connections issuing the same cohort at once never make two certificates for a person', async () => {
    const ids = Array.from({ length: 8 }, () => learner());
    for (const id of ids) completeProgram(db, context, { userId: id, actorId: coordinator });
    const path = (db as unknown as { $client: Database.Database }).$client.name;
    const other = openDatabase(path);
    const slow = (a: ReturnType<typeof fakeArtifacts>) => ({
      ...a,
      renderPdf: async (s: CertificateSnapshot) => {
        await new Promise((r) => setTimeout(r, 1));
        return a.renderPdf(s);
      },
    });
    const runs = await Promise.all(
      [db, other].map((conn) =>
        Promise.all(
          ids.map((userId) => issueCertificate(conn, slow(fakeArtifacts()), context, { cohortId, userId, actorId: coordinator, now })),
        ),
      ),
    );
    const rows = db.select({ userId: certificates.userId, folio: certificates.folio }).from(certificates).all();
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.folio)).size).toBe(8);
    // Both connections got the same certificate for each person.
    expect(runs[0]?.map((r) => r.id)).toEqual(runs[1]?.map((r) => r.id));
    // Eight people completed in the ledger, then sixteen issuances: seconds on a busy machine.
  }, 30_000);
});

describe('bulk issuance rendered two at a time', () => {
  test('the worker thread and the main thread make the same bytes, written in folio order', async () => {
    const { getCertificateArtifacts } = await import('../../src/lib/server/certificates/server-artifacts.ts');
    const { renderCertificatePdf } = await import('../../src/lib/server/certificates/pdf.ts');
    const { signCertificateCredential } = await import('../../src/lib/server/certificates/credential.ts');
    const ids = ['Ana Ñúñez', 'Bruno Ūc', 'Carla Güémez', 'Dalia Pérez', 'Emilio Xōchitl', 'Fabiola Ꞌiñ'].map((name) => learner(name));
    for (const id of ids) completeProgram(db, context, { userId: id, actorId: coordinator });
    const artifacts = await getCertificateArtifacts();
    const worker = await artifacts.renderWorker?.(db);
    expect(worker).toBeTruthy();
    await worker?.whenReady();

    const run = startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator, now });
    await run.done;
    expect(run.issued).toBe(6);
    expect(run.rendered.worker).toBeGreaterThan(0);
    expect(run.rendered.worker + run.rendered.mainThread).toBe(6);
    const rows = db.select().from(certificates).orderBy(certificates.folioNumber).all();
    expect(rows.map((r) => r.folioNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const row of rows) {
      const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
      expect(Buffer.from(await renderCertificatePdf(snapshot)).equals(row.pdf), row.folio).toBe(true);
      const credential = await signCertificateCredential(db, snapshot, {
        statusListIndex: row.statusListIndex,
        origin: 'https://aula.test',
      });
      expect(credential.equals(row.credential as Buffer), row.folio).toBe(true);
    }
  }, 60_000);

  test('when another request takes a folio mid-run, the rest are numbered again: no gap, no repeat, one each', async () => {
    const ids = Array.from({ length: 7 }, () => learner());
    for (const id of ids) completeProgram(db, context, { userId: id, actorId: coordinator });
    const outsider = learner();
    completeProgram(db, context, { userId: outsider, actorId: coordinator });
    const base = fakeArtifacts();
    let renders = 0;
    const artifacts = {
      ...base,
      renderPdf: async (snapshot: CertificateSnapshot) => {
        // While the run renders its third certificate, a single issue takes the next folio.
        if (++renders === 3)
          await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: outsider, actorId: coordinator, now });
        return base.renderPdf(snapshot);
      },
    };
    const run = startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator, now });
    await run.done;
    const rows = db.select({ userId: certificates.userId, n: certificates.folioNumber }).from(certificates).all();
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.n).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(8);
    expect(run.issued + run.existing).toBe(8);
    expect(run.failed).toBe(0);
  });
});

describe('verification, revocation and reissue', () => {
  test('valid, revoked with date, replaced with a link to the new one, and unknown; never the CURP', async () => {
    const a = learner('María Ꞌuxe Tōtōtl');
    const b = learner();
    completeProgram(db, context, { userId: a, actorId: coordinator });
    completeProgram(db, context, { userId: b, actorId: coordinator });
    const artifacts = fakeArtifacts();
    const ca = await issueCertificate(db, artifacts, context, { cohortId, userId: a, actorId: coordinator, now });
    const cb = await issueCertificate(db, artifacts, context, { cohortId, userId: b, actorId: coordinator, now });
    const codeOf = (id: number) =>
      db.select({ c: certificates.verificationCode }).from(certificates).where(eq(certificates.id, id)).get()?.c as string;

    const valid = verifyCertificate(db, codeOf(ca.id));
    expect(valid).toMatchObject({ status: 'valid', certificate: { fullName: 'María Ꞌuxe Tōtōtl', hours: 120, folio: ca.folio } });
    expect(JSON.stringify(valid)).not.toMatch(/curp/i);
    expect(verifyCertificate(db, ` ${ca.folio.toLowerCase()} `)).toMatchObject({ status: 'valid' });

    await expect(revokeCertificate(db, artifacts, { certificateId: ca.id, reason: '', actorId: coordinator })).rejects.toThrow();
    const later = new Date('2026-12-05T18:00:00Z');
    await revokeCertificate(db, artifacts, { certificateId: ca.id, reason: 'Expediente irregular', actorId: coordinator, now: later });
    expect(verifyCertificate(db, codeOf(ca.id))).toMatchObject({ status: 'revoked', revokedAt: later });
    expect(artifacts.revoked).toEqual([db.select().from(certificates).where(eq(certificates.id, ca.id)).get()?.statusListIndex]);
    await expect(revokeCertificate(db, artifacts, { certificateId: ca.id, reason: 'Otra', actorId: coordinator })).rejects.toThrow();

    const reissued = await reissueCertificate(db, artifacts, context, { certificateId: cb.id, actorId: coordinator, now: later });
    expect(reissued.folio).toBe('DIF-2026-00003');
    const replaced = verifyCertificate(db, codeOf(cb.id));
    expect(replaced).toMatchObject({ status: 'replaced', replacement: { folio: 'DIF-2026-00003', code: codeOf(reissued.id) } });
    expect(verifyCertificate(db, codeOf(reissued.id))).toMatchObject({ status: 'valid' });
    const snapshot = JSON.parse(db.select().from(certificates).where(eq(certificates.id, reissued.id)).get()?.snapshot ?? '{}');
    expect(snapshot.replaces).toBe(cb.folio);
    expect(verifyCertificate(db, 'ABCDEFGHJKLM')).toEqual({ status: 'unknown' });
    expect(verifyCertificate(db, 'DIF-2026-99999')).toEqual({ status: 'unknown' });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'certificate.revoked')).all()[0]?.reason).toBe('Expediente irregular');
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'certificate.reissued')).all()).toHaveLength(1);
    // The DC-3 export lists only active certificates.
    expect(dc3Rows(db, cohortId).map((r) => r[7])).toEqual(['Folio de la constancia', 'DIF-2026-00003']);
  });

  test('the public verification is rate limited per address', () => {
    let locked: Date | null = null;
    for (let i = 0; i < 31 && !locked; i++) locked = throttleVerification(db, '203.0.113.9', now);
    expect(locked).not.toBeNull();
    expect(throttleVerification(db, '198.51.100.1', now)).toBeNull();
  });
});

describe('who may download a certificate file', () => {
  test('the holder and coordination; nobody else, on the PDF and the credential', async () => {
    const holder = learner();
    const other = learner();
    completeProgram(db, context, { userId: holder, actorId: coordinator });
    const { folio } = await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: holder, actorId: coordinator, now });
    const instructor = insertPerson(db, { roles: ['instructor'] }).id;
    const admin = insertPerson(db, { roles: ['admin'] }).id;
    const cases: [SessionUser | null, number][] = [
      [user(holder, ['inspector']), 200],
      [user(coordinator, ['coordinator']), 200],
      [user(admin, ['admin']), 200],
      [user(other, ['inspector']), 404],
      [user(instructor, ['instructor']), 404],
      [null, 404],
    ];
    for (const kind of ['pdf', 'json'] as const) {
      for (const [viewer, status] of cases) {
        expect(certificateFileResponse(db, viewer, folio, kind).status, `${kind} ${viewer?.roles}`).toBe(status);
      }
    }
    expect(certificateFileResponse(db, user(holder, ['inspector']), 'DIF-2026-09999', 'pdf').status).toBe(404);
    expect(listPersonCertificates(db, holder).map((c) => c.folio)).toEqual([folio]);
    expect(listPersonCertificates(db, other)).toEqual([]);
  });
});

describe('issuing with the real PDF and signed credential', () => {
  test('stores the rendered PDF and the signed credential, and serves both as stored', async () => {
    const { getCertificateArtifacts } = await import('../../src/lib/server/certificates/server-artifacts.ts');
    const id = learner('Xóchitl Ꞌiñ Ūc Güémez');
    completeProgram(db, context, { userId: id, actorId: coordinator });
    const issued = await issueCertificate(db, await getCertificateArtifacts(), context, {
      cohortId,
      userId: id,
      actorId: coordinator,
      now,
    });
    const row = db.select().from(certificates).where(eq(certificates.id, issued.id)).get();
    expect(row?.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(row?.pdf.byteLength).toBeLessThan(200 * 1024);
    const credential = JSON.parse(row?.credential?.toString('utf8') ?? '{}');
    expect(credential.proof?.cryptosuite).toBe('eddsa-rdfc-2022');
    const served = certificateFileResponse(db, user(id, ['inspector']), issued.folio, 'json');
    expect(Buffer.from(await served.arrayBuffer()).equals(row?.credential as Buffer)).toBe(true);
  });
});

describe('who may reach the certificate pages and exports', () => {
  test('the DC-3 export and the issuing page are for coordination; verification is public; files need a session', async () => {
    const { isPublicPath, rolesForPath } = await import('../../src/lib/server/auth/authorize.ts');
    for (const path of [
      `/coordinacion/generaciones/${cohortId}/constancias`,
      `/coordinacion/generaciones/${cohortId}/constancias/dc3.csv`,
      `/coordinacion/generaciones/${cohortId}/constancias/dc3.xlsx`,
    ]) {
      expect(rolesForPath(path)).toEqual(['coordinator', 'admin']);
      expect(isPublicPath(path)).toBe(false);
    }
    expect(rolesForPath('/aprendizaje/constancias')).toEqual(['inspector']);
    expect(isPublicPath('/verificar')).toBe(true);
    expect(isPublicPath('/verificar/ABCDEFGHJKLM')).toBe(true);
    expect(isPublicPath('/constancias/DIF-2026-00001.pdf')).toBe(false);
  });

  test('the DC-3 export neutralises a name a spreadsheet would run', async () => {
    const id = learner('=HYPERLINK("http://malo.example")');
    completeProgram(db, context, { userId: id, actorId: coordinator });
    await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: id, actorId: coordinator, now });
    const { dc3Export } = await import('../../src/lib/server/certificates/dc3-export.ts');
    const csv = await (await dc3Export(db, { id: cohortId, name: 'Generación 2026-2' }, 'csv')).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://malo.example"")"`);
    expect(csv).toContain(',120,');
  });
});
