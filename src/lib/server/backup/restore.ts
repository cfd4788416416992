import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BackupError, listKeyFiles, sha256 } from './backup.ts';

/**
 * Checks a backup made by backupDatabase: its checksum file (beside it, `<file>.sha256`) matches
 * the database and every key file, `PRAGMA integrity_check` answers ok, and Drizzle's migrations
 * table is there. Throws a BackupError saying what is wrong; returns the key files' paths.
 */
export function verifyBackup(file: string): string[] {
  const backup = resolve(file);
  if (!existsSync(backup)) throw new BackupError(`No existe el respaldo ${backup}.`);
  const checksumFile = `${backup}.sha256`;
  if (!existsSync(checksumFile)) throw new BackupError(`Falta el archivo de verificación ${checksumFile}; sin él no se restaura.`);

  const listed = readFileSync(checksumFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) throw new BackupError(`El archivo de verificación ${checksumFile} está dañado.`);
      return { hash: match[1] as string, path: join(dirname(backup), match[2] as string) };
    });
  if (!listed.some((entry) => entry.path === backup))
    throw new BackupError(`El archivo de verificación ${checksumFile} no menciona ${basename(backup)}.`);
  for (const entry of listed) {
    if (!existsSync(entry.path)) throw new BackupError(`Falta ${entry.path}, que el respaldo incluye.`);
    if (sha256(entry.path) !== entry.hash)
      throw new BackupError(
        `${basename(entry.path)} no coincide con su suma SHA-256: el archivo cambió o está dañado. No se restauró nada.`,
      );
  }

  let client: Database.Database | undefined;
  try {
    client = new Database(backup, { readonly: true, fileMustExist: true });
    const result = client.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new BackupError(`La revisión de integridad de ${basename(backup)} falló (${String(result)}). No se restauró nada.`);
    const migrations = client.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
    if (!migrations) throw new BackupError(`${basename(backup)} no tiene la tabla de migraciones: no parece una base de Aula.`);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${basename(backup)} no es una base SQLite legible (${(error as Error).message}). No se restauró nada.`);
  } finally {
    client?.close();
  }
  return listed.filter((entry) => entry.path !== backup).map((entry) => entry.path);
}

/**
 * Whether a process has the database open. The check asks SQLite for an exclusive lock, which a
 * WAL connection that has read once (the server's: db/connection.ts sets WAL, and it migrates on
 * start) keeps others from taking for as long as it stays open; a `-wal` file's size would only guess, since a crash
 * leaves one too. When nobody holds it, closing checkpoints and removes a leftover `-wal`.
 */
export function isDatabaseInUse(databaseFile: string): boolean {
  if (!existsSync(databaseFile)) return false;
  const client = new Database(databaseFile, { fileMustExist: true, timeout: 0 });
  try {
    client.pragma('locking_mode = EXCLUSIVE');
    client.exec('begin exclusive; commit');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    client.close();
  }
}

/**
 * Puts a checked backup in place of the database at `databaseFile` and its key files beside it.
 * What was there (database, `-wal`, `-shm`, keys) moves to `replaced-<stamp>/` in the same folder;
 * nothing is deleted. Refuses while the database is open elsewhere, unless `force`.
 */
export function restoreDatabase(file: string, databaseFile: string, options: RestoreOptions = {}): RestoreResult {
  const backup = resolve(file);
  const target = resolve(databaseFile);
  const keyFiles = verifyBackup(backup);
  if (!options.force && isDatabaseInUse(target))
    throw new BackupError(
      `La base ${target} está abierta por otro proceso (¿el servidor sigue en marcha?). Detenga el servidor y repita; use --force solo si está seguro de que nadie la usa.`,
      'in-use',
    );

  const dir = dirname(target);
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now ?? new Date())
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replaceAll(':', '-');
  // Copied beside the target first, so the final step is a rename on one file system.
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);

  const aside = join(dir, `replaced-${stamp}`);
  const current = [target, `${target}-wal`, `${target}-shm`].filter(existsSync).map((p) => basename(p));
  const currentKeys = listKeyFiles(dir);
  if (current.length + currentKeys.length > 0) mkdirSync(aside, { recursive: true });
  for (const name of [...current, ...currentKeys]) renameSync(join(dir, name), join(aside, name));

  renameSync(incoming, target);
  for (const key of keyFiles) {
    copyFileSync(key, join(dir, basename(key)));
    chmodSync(join(dir, basename(key)), 0o600);
  }
  rmSync(`${target}.restoring`, { force: true });
  return { database: target, keyFiles: keyFiles.map((k) => basename(k)), replaced: existsSync(aside) ? aside : null };
}

export interface RestoreOptions {
  force?: boolean;
  now?: Date;
}

export interface RestoreResult {
  database: string;
  keyFiles: string[];
  replaced: string | null;
}
