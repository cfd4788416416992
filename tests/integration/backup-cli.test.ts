import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { BASE_DB } from '../setup/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'aula-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const database = join(dir, 'aula.db');
copyFileSync(BASE_DB, database);
writeFileSync(join(dir, 'aula-signing-key.json'), '{"llave":"actual"}\n', { mode: 0o600 });

function run(script: 'db-backup' | 'db-restore', ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [`scripts/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: database },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function backups(): string[] {
  return readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.db'));
}

// Each run starts Node and loads the schema: seconds on a busy machine.
describe('npm run db:backup and db:restore', { timeout: 60_000 }, () => {
  test('db:backup writes a backup, its checksum and the keys beside the database, and exits 0', () => {
    const { status, stdout } = run('db-backup');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Respaldo: .*aula-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db/);
    expect(stdout).toContain('Llaves de firma: aula-signing-key.json');
    const [file] = backups();
    expect(existsSync(join(dir, 'backups', `${file}.sha256`))).toBe(true);
    expect(statSync(join(dir, 'backups', file as string)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'backups', (file as string).replace(/\.db$/, '.keys'))).mode & 0o777).toBe(0o700);
  });

  test('db:backup exits 1 on a bad --keep or a missing database, and says why in Spanish', () => {
    const keep = run('db-backup', '--keep', '0');
    expect([keep.status, keep.stderr]).toEqual([1, expect.stringContaining('--keep debe ser un entero de 1 en adelante')]);
    const missing = spawnSync(process.execPath, ['scripts/db-backup.ts'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_PATH: join(dir, 'no-existe.db') },
    });
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringContaining('No existe la base de datos')]);
  });

  test('db:restore exits 2 while the database is open elsewhere, 1 on a tampered file, 0 when it restores', async () => {
    const out = join(dir, 'otros');
    expect(run('db-backup', '--out', out).status).toBe(0);
    const file = join(out, readdirSync(out).find((f) => f.endsWith('.db')) as string);

    // As the server does: WAL mode (db/connection.ts), and a first read (it migrates on start).
    const server = new Database(database);
    server.pragma('journal_mode = WAL');
    server.prepare('select count(*) from __drizzle_migrations').get();
    const busy = run('db-restore', file);
    server.close();
    expect([busy.status, busy.stderr]).toEqual([2, expect.stringContaining('¿el servidor sigue en marcha?')]);

    expect(run('db-restore').status).toBe(1);
    const copy = join(out, 'copia.db');
    copyFileSync(file, copy);
    writeFileSync(
      `${copy}.sha256`,
      readFileSync(`${file}.sha256`, 'utf8')
        .replace(/^[0-9a-f]{64}/, '0'.repeat(64))
        .replaceAll(/aula-[^ ]*\.db$/gm, 'copia.db'),
    );
    const tampered = run('db-restore', copy);
    expect([tampered.status, tampered.stderr]).toEqual([1, expect.stringContaining('no coincide con su suma SHA-256')]);

    const ok = run('db-restore', file);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Restaurada:');
    expect(readdirSync(dir).some((f) => f.startsWith('replaced-'))).toBe(true);
  });

  test('db:backup copies the database while another process writes to it', async () => {
    const writer = new Database(database);
    writer.pragma('journal_mode = WAL');
    writer.exec('create table if not exists backup_probe (n integer)');
    const child = spawn(process.execPath, ['scripts/db-backup.ts', '--out', join(dir, 'vivo')], {
      env: { ...process.env, DATABASE_PATH: database },
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    let finished = false;
    void exited.then(() => {
      finished = true;
    });
    let written = 0;
    while (!finished) {
      writer.prepare('insert into backup_probe values (?)').run(++written);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await exited).toBe(0);
    writer.close();
    const [name] = readdirSync(join(dir, 'vivo')).filter((f) => f.endsWith('.db'));
    const copy = new Database(join(dir, 'vivo', name as string), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n } = copy.prepare('select count(*) as n from backup_probe').get() as { n: number };
    copy.close();
    expect(n).toBeLessThanOrEqual(written);
  });
});
