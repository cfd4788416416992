// Fails when db/schema and the committed migrations disagree: someone changed the schema
// without running `npm run db:generate`. drizzle-kit generate writes nothing when they agree.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const before = new Set(readdirSync('db/migrations'));
const output = execFileSync('npx', ['drizzle-kit', 'generate', '--name', 'drift-check'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (output.includes('No schema changes')) {
  console.log('Esquema y migraciones coinciden.');
} else {
  // Leave the tree as it was, then fail with the reason.
  for (const file of readdirSync('db/migrations')) if (!before.has(file)) rmSync(`db/migrations/${file}`, { recursive: true, force: true });
  execFileSync('git', ['checkout', '--', 'db/migrations/meta'], { stdio: 'ignore' });
  console.error('El esquema (db/schema) cambió sin migración. Ejecute «npm run db:generate -- --name <cambio>» y confirme la migración.');
  console.error(output);
  process.exit(1);
}
if (!existsSync('db/migrations/meta/_journal.json')) process.exit(1);
