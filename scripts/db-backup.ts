// npm run db:backup [-- --out DIR --keep N]: a consistent copy of the database while the server
// runs (issue 17), with SQLite's online backup API, plus the signing key files and a SHA-256 file.
// Aula stores no uploaded files today, so the database and the keys are the whole installation.
// Defaults: DIR is `backups/` beside DATABASE_PATH, N is 14 (older backups there are deleted).
// Layout and restore: src/lib/server/backup/backup.ts, `npm run db:restore -- FILE`.
// Exit codes: 0 done, 1 nothing written (bad flag, no database, write error).
import { parseArgs } from 'node:util';
import { databasePath } from '../db/connection.ts';
import { BackupError, backupDatabase, DEFAULT_KEEP } from '../src/lib/server/backup/backup.ts';

try {
  const { values: flags } = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'string', default: String(DEFAULT_KEEP) } } });
  const result = await backupDatabase(databasePath(), { outDir: flags.out, keep: Number(flags.keep) });
  console.log(`Respaldo: ${result.file}`);
  console.log(`Suma SHA-256: ${result.checksumFile}`);
  console.log(
    result.keyFiles.length > 0
      ? `Llaves de firma: ${result.keyFiles.join(', ')}`
      : 'Sin llaves de firma (aún no se emite ninguna constancia).',
  );
  if (result.removed.length > 0) console.log(`Respaldos antiguos eliminados: ${result.removed.length}`);
} catch (error) {
  console.error(
    error instanceof BackupError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? (error as Error).message : error,
  );
  process.exit(1);
}
