// npm run db:restore -- FILE [--force]: puts a backup made by `npm run db:backup` in place of
// DATABASE_PATH, with its signing key files (issue 17). Run it with the server stopped.
// First it checks the backup: the SHA-256 file beside it, `PRAGMA integrity_check`, and the
// migrations table. It refuses while another process holds the database open, which it learns by
// asking SQLite for an exclusive lock (src/lib/server/backup/restore.ts); --force skips that.
// The replaced database and keys move to `replaced-<fecha>/` beside it; nothing is deleted.
// Exit codes: 0 restored, 1 the backup failed a check or a bad argument, 2 the database is in use.
import { parseArgs } from 'node:util';
import { databasePath } from '../db/connection.ts';
import { BackupError } from '../src/lib/server/backup/backup.ts';
import { restoreDatabase } from '../src/lib/server/backup/restore.ts';

try {
  const { values: flags, positionals } = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  const [file] = positionals;
  if (!file || positionals.length > 1)
    throw new BackupError('Indique un solo respaldo: npm run db:restore -- backups/aula-AAAA-MM-DDTHH-MM-SSZ.db');
  const result = restoreDatabase(file, databasePath(), { force: flags.force });
  console.log(`Restaurada: ${result.database}`);
  if (result.keyFiles.length > 0) console.log(`Llaves de firma restauradas: ${result.keyFiles.join(', ')}`);
  if (result.replaced) console.log(`Lo que había quedó en ${result.replaced}`);
  console.log('Arranque el servidor: aplicará las migraciones que falten.');
} catch (error) {
  if (error instanceof BackupError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((error as Error).message);
    process.exit(error instanceof BackupError && error.reason === 'in-use' ? 2 : 1);
  }
  console.error(error);
  process.exit(1);
}
