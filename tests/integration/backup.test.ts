import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import { BackupError, backupDatabase, sha256 } from '../../src/lib/server/backup/backup.ts';
import { isDatabaseInUse, restoreDatabase, verifyBackup } from '../../src/lib/server/backup/restore.ts';
import { issueCertificate } from '../../src/lib/server/certificates/issue.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { enrollmentForCredit, recordAdjustment } from '../../src/lib/server/hours/ledger.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeProgram, fakeArtifacts, loadCertificateContext, passQuiz } from '../certificate-helpers.ts';
import { insertPerson } from '../factories.ts';
import { BASE_DB } from '../setup/paths.ts';

const context = loadCertificateContext();
const [m1] = context.plan.modules;
const root = mkdtempSync(join(tmpdir(), 'aula-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dir: string;
let path: string;
let db: Db;
let coordinator: number;
let cohortId: number;

// Each test's database sits in a folder of its own, so the key files beside it are its own too.
beforeEach(() => {
  dir = mkdtempSync(join(root, 'site-'));
  path = join(dir, 'aula.db');
  copyFileSync(BASE_DB, path);
  db = openDatabase(path);
  syncHourBudgets(db, context.plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  cohortId = insertCohort(db, {
    name: 'Generación 2026-2',
    startsOn: '2026-09-07',
    endsOn: '2026-11-27',
    instructorIds: [],
    actorId: null,
  }).id;
  writeFileSync(join(dir, 'aula-signing-key.json'), '{"llave":"actual"}\n', { mode: 0o600 });
  writeFileSync(join(dir, 'aula-signing-key.retired-2026-01-01T00-00-00.000Z.json'), '{"llave":"retirada"}\n', { mode: 0o600 });
});

function learner(on: Db): number {
  const id = insertPerson(on).id;
  enrollInspectorOne(on, { cohortId, userId: id, actorId: null });
  return id;
}

/** One round of what a busy day writes: an enrollment, a quiz attempt, a ledger entry, a certificate. */
async function writeRound(on: Db, graduate: number | undefined): Promise<void> {
  const id = learner(on);
  passQuiz(on, id, m1?.slug as string, 0.8);
  recordAdjustment(on, {
    userId: id,
    programSlug: DEFAULT_PROGRAM_SLUG,
    enrollmentId: enrollmentForCredit(on, id, DEFAULT_PROGRAM_SLUG) as number,
    moduleSlug: m1?.slug as string,
    budget: 'study',
    minutes: 30,
    budgetMinutes: m1?.budget.study as number,
    recordedBy: coordinator,
    reason: 'Prueba de respaldo',
  });
  if (graduate !== undefined) await issueCertificate(on, fakeArtifacts(), context, { cohortId, userId: graduate, actorId: coordinator });
}

function ledgerSums(client: Database.Database, upToId: number): Record<number, number> {
  const rows = client
    .prepare('select user_id as userId, sum(minutes) as minutes from hours_ledger where id <= ? group by user_id')
    .all(upToId) as { userId: number; minutes: number }[];
  return Object.fromEntries(rows.map((r) => [r.userId, r.minutes]));
}

function certificateHashes(client: Database.Database, upToId: number): string[] {
  return (client.prepare('select pdf_sha256 as h from certificates where id <= ? order by id').all(upToId) as { h: string }[]).map(
    (r) => r.h,
  );
}

function maxId(client: Database.Database, table: string): number {
  return (client.prepare(`select coalesce(max(id), 0) as n from ${table}`).get() as { n: number }).n;
}

describe('backupDatabase and restoreDatabase', () => {
  test('a backup taken while another connection writes restores to one consistent moment', { timeout: 60_000 }, async () => {
    const graduates = Array.from({ length: 12 }, () => learner(db));
    for (const userId of graduates) completeProgram(db, context, { userId, actorId: coordinator });
    await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId: graduates.shift() as number, actorId: coordinator });

    const before = { ledger: maxId(db.$client, 'hours_ledger'), certificates: maxId(db.$client, 'certificates') };
    const writer = openDatabase(path);
    let done = false;
    let duringBackup = 0;
    const backup = backupDatabase(path, { outDir: join(dir, 'backups') }).finally(() => {
      done = true;
    });
    while (!done) {
      await writeRound(writer, graduates.shift());
      duringBackup++;
      await nextTurn();
    }
    const { file } = await backup;
    // After the backup: the source moves on, the backup must not.
    for (let i = 0; i < 3; i++) await writeRound(writer, graduates.shift());
    writer.$client.close();
    expect(duringBackup).toBeGreaterThan(0);

    const restoredPath = join(mkdtempSync(join(root, 'restored-')), 'aula.db');
    const result = restoreDatabase(file, restoredPath);
    expect(result.keyFiles).toEqual(['aula-signing-key.json', 'aula-signing-key.retired-2026-01-01T00-00-00.000Z.json']);
    expect(result.replaced).toBeNull();

    const restored = new Database(restoredPath, { readonly: true });
    const source = db.$client;
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    const ledgerMax = maxId(restored, 'hours_ledger');
    const certificateMax = maxId(restored, 'certificates');
    // Everything written before the backup began is in it (a copy of the file alone would miss the WAL).
    expect(ledgerMax).toBeGreaterThanOrEqual(before.ledger);
    expect(certificateMax).toBeGreaterThanOrEqual(before.certificates);
    expect(ledgerMax).toBeLessThan(maxId(source, 'hours_ledger'));
    expect(certificateMax).toBeLessThan(maxId(source, 'certificates'));
    // The backup equals the source as it stood at one moment: every row up to its last, none after.
    expect(ledgerSums(restored, ledgerMax)).toEqual(ledgerSums(source, ledgerMax));
    expect(certificateHashes(restored, certificateMax)).toEqual(certificateHashes(source, certificateMax));
    expect(certificateHashes(restored, certificateMax).length).toBeGreaterThan(0);
    expect(maxId(restored, 'quiz_attempts')).toBeGreaterThan(0);
    restored.close();
    expect(readFileSync(join(restoredPath, '..', 'aula-signing-key.json'), 'utf8')).toBe('{"llave":"actual"}\n');
  });

  test('keeps only the newest N backups, with their checksums and keys', async () => {
    const out = join(dir, 'backups');
    for (const minute of [1, 2, 3, 4]) {
      await backupDatabase(path, { outDir: out, keep: 2, now: new Date(`2026-12-06T02:0${minute}:00.000Z`) });
    }
    expect(readdirSync(out).sort()).toEqual([
      'aula-2026-12-06T02-03-00Z.db',
      'aula-2026-12-06T02-03-00Z.db.sha256',
      'aula-2026-12-06T02-03-00Z.keys',
      'aula-2026-12-06T02-04-00Z.db',
      'aula-2026-12-06T02-04-00Z.db.sha256',
      'aula-2026-12-06T02-04-00Z.keys',
    ]);
  });

  test('refuses a file whose checksum does not match, and touches nothing', async () => {
    const { file } = await backupDatabase(path, { outDir: join(dir, 'backups') });
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] as number) ^ 0xff;
    writeFileSync(file, bytes);
    const before = sha256(path);
    expect(() => restoreDatabase(file, path, { force: true })).toThrow(/no coincide con su suma SHA-256: el archivo cambió o está dañado/);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dir).some((f) => f.startsWith('replaced-'))).toBe(false);
  });

  test('refuses a changed key file', async () => {
    const { file } = await backupDatabase(path, { outDir: join(dir, 'backups') });
    writeFileSync(join(file.replace(/\.db$/, '.keys'), 'aula-signing-key.json'), '{"llave":"otra"}\n');
    expect(() => verifyBackup(file)).toThrow(/aula-signing-key\.json no coincide con su suma SHA-256/);
  });

  test('refuses a corrupted database even when its checksum file was rewritten to match', async () => {
    const { file, checksumFile } = await backupDatabase(path, { outDir: join(dir, 'backups') });
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // three b-tree pages of garbage
    writeFileSync(file, bytes);
    const lines = readFileSync(checksumFile, 'utf8').split('\n');
    lines[0] = `${sha256(file)}  ${lines[0]?.split('  ')[1]}`;
    writeFileSync(checksumFile, lines.join('\n'));
    expect(() => verifyBackup(file)).toThrow(BackupError);
    expect(() => verifyBackup(file)).toThrow(/(revisión de integridad|no es una base SQLite legible)[\s\S]*No se restauró nada/);
  });

  test('refuses a file without its checksum file', async () => {
    const { file, checksumFile } = await backupDatabase(path, { outDir: join(dir, 'backups') });
    rmSync(checksumFile);
    expect(() => verifyBackup(file)).toThrow(/Falta el archivo de verificación/);
  });

  test('refuses to restore over a database another process holds open, unless forced; keeps what it replaces', async () => {
    const { file } = await backupDatabase(path, { outDir: join(dir, 'backups') });
    const extra = learner(db);
    expect(isDatabaseInUse(path)).toBe(true);
    expect(() => restoreDatabase(file, path)).toThrow(/está abierta por otro proceso/);
    db.$client.close();
    writeFileSync(join(dir, 'aula-signing-key.json'), '{"llave":"nueva"}\n');

    expect(isDatabaseInUse(path)).toBe(false);
    const result = restoreDatabase(file, path, { now: new Date('2026-12-06T03:00:00Z') });
    expect(result.replaced).toBe(join(dir, 'replaced-2026-12-06T03-00-00Z'));
    const replaced = new Database(join(result.replaced as string, 'aula.db'), { readonly: true });
    expect(replaced.prepare('select 1 from users where id = ?').get(extra)).toBeTruthy();
    replaced.close();
    expect(readFileSync(join(result.replaced as string, 'aula-signing-key.json'), 'utf8')).toBe('{"llave":"nueva"}\n');
    expect(readFileSync(join(dir, 'aula-signing-key.json'), 'utf8')).toBe('{"llave":"actual"}\n');
    const back = new Database(path, { readonly: true });
    expect(back.prepare('select 1 from users where id = ?').get(extra)).toBeUndefined();
    back.close();
    expect(existsSync(`${path}.restoring`)).toBe(false);
  });
});
