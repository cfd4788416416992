import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { SIGNING_KEY_FILE } from '../certificates/signing-key.ts';

/**
 * Backups of one installation (issue 17). A backup in `outDir` is three things sharing a stamp:
 *   aula-2026-12-06T02-50-00Z.db         the database, copied with SQLite's online backup API
 *   aula-2026-12-06T02-50-00Z.keys/      the signing key files (current and retired), if any
 *   aula-2026-12-06T02-50-00Z.db.sha256  SHA-256 of each, in `sha256sum` format (`sha256sum -c` works)
 * Aula stores no uploaded files today: the database and the keys are the whole installation.
 */
export const DEFAULT_KEEP = 14;
const NAME = /^aula-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\.db$/;
// Every pages count fits: the copy is one step, hence one read transaction and one snapshot.
// In WAL mode that read blocks no writer; smaller steps restart whenever another process writes.
const ALL_PAGES = 0x7fffffff;

/** The backups folder when none is given: `backups/` beside the database. */
export function defaultBackupDir(databaseFile: string): string {
  return join(dirname(resolve(databaseFile)), 'backups');
}

/** The signing key files beside a database (see certificates/signing-key.ts), by name. */
export function listKeyFiles(dir: string): string[] {
  const prefix = SIGNING_KEY_FILE.replace(/\.json$/, '');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort();
}

/**
 * Copies the database at `databaseFile` (which a server may be writing) and its key files into
 * `outDir`, writes the checksums, then deletes all but the newest `keep` backups there.
 */
export async function backupDatabase(databaseFile: string, options: BackupOptions = {}): Promise<BackupResult> {
  const source = resolve(databaseFile);
  if (!existsSync(source)) throw new BackupError(`No existe la base de datos ${source}.`);
  const outDir = resolve(options.outDir ?? defaultBackupDir(source));
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError(`--keep debe ser un entero de 1 en adelante; se recibió ${keep}.`);
  mkdirSync(outDir, { recursive: true });

  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  const file = join(outDir, `aula-${stamp}.db`);
  if (existsSync(file)) throw new BackupError(`Ya existe un respaldo con la misma hora: ${file}. Espere un segundo y repita.`);

  // Written under a temporary name first, so rotation and restore never see half a backup.
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const client = new Database(source, { fileMustExist: true });
  try {
    client.pragma('busy_timeout = 5000');
    await client.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    client.close();
  }

  const keysDir = join(outDir, `aula-${stamp}.keys`);
  const keyFiles = listKeyFiles(dirname(source));
  if (keyFiles.length > 0) mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  for (const key of keyFiles) copyFileSync(join(dirname(source), key), join(keysDir, key));

  // The copy holds people's CURPs and the keys that sign their certificates: owner only.
  chmodSync(partial, 0o600);
  renameSync(partial, file);
  const lines = [`${sha256(file)}  ${basename(file)}`, ...keyFiles.map((k) => `${sha256(join(keysDir, k))}  ${basename(keysDir)}/${k}`)];
  writeFileSync(`${file}.sha256`, `${lines.join('\n')}\n`);

  const removed = rotateBackups(outDir, keep);
  return { file, checksumFile: `${file}.sha256`, keyFiles, removed };
}

/** Deletes all but the newest `keep` backups in `dir` (the stamp sorts by time); returns the removed files. */
export function rotateBackups(dir: string, keep: number): string[] {
  const backups = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse();
  const removed = backups.slice(keep).map((f) => join(dir, f));
  for (const file of removed) {
    rmSync(file, { force: true });
    rmSync(`${file}.sha256`, { force: true });
    rmSync(file.replace(/\.db$/, '.keys'), { recursive: true, force: true });
  }
  return removed;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A backup or restore that cannot go on; the message is for the operator, in Spanish. */
export class BackupError extends Error {
  readonly reason: 'invalid' | 'in-use';
  // No parameter properties: scripts run this file with Node's type stripping.
  constructor(message: string, reason: 'invalid' | 'in-use' = 'invalid') {
    super(message);
    this.name = 'BackupError';
    this.reason = reason;
  }
}

export interface BackupOptions {
  outDir?: string;
  keep?: number;
  now?: Date;
}

export interface BackupResult {
  file: string;
  checksumFile: string;
  keyFiles: string[];
  removed: string[];
}
