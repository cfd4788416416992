// The demo's preparation, run by scripts/demo.mjs in a process of its own: the seed loads the
// schema and the domain code through Node's type stripping (~240 MB), which the server that
// follows should not carry for the rest of its life. Builds if needed, migrates, seeds once,
// prints the accounts.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/connection.ts';
import { users } from '../db/schema/index.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { buildIfNeeded } from './lib/build-if-needed.mjs';
import { databasePath, migrateDatabase } from './lib/database.mjs';
import { DEMO_ACCOUNTS, DEMO_COHORT, seedDemo } from './seed-demo.ts';
import { issueDemoCertificates } from './seed-demo-graduates.ts';
import { setDemoPasswords } from './set-demo-passwords.ts';

buildIfNeeded();
const path = databasePath();
migrateDatabase(path);

// The demo password: AULA_DEMO_PASSWORD, else one generated on the first run and kept beside the
// database (data/ is git-ignored) so that later runs can print it again.
const passwordFile = join(dirname(path), 'demo-password.txt');
const fromEnv = process.env.AULA_DEMO_PASSWORD;
const password = fromEnv || (existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : randomBytes(9).toString('base64url'));

const host = process.env.HOST ?? 'localhost';
const port = process.env.PORT ?? '4321';
const db = openDatabase(path);
const seeded = seedDemo(db, await hashPassword(password));
if (seeded) {
  // The finished cohort's certificates: rendered and signed after the seed (seed-demo-graduates.ts).
  const coordinator = db.select({ id: users.id }).from(users).where(eq(users.email, 'coordinacion@demo.aula.mx')).get();
  const origin = (process.env.PUBLIC_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
  if (coordinator) await issueDemoCertificates(db, coordinator.id, origin);
}
if (!seeded && fromEnv) {
  // An explicit AULA_DEMO_PASSWORD always works for the four demo accounts.
  setDemoPasswords(
    db,
    await hashPassword(fromEnv),
    DEMO_ACCOUNTS.map((a) => a.email),
  );
}
db.$client.close();
if (!fromEnv && (seeded || !existsSync(passwordFile))) {
  mkdirSync(dirname(passwordFile), { recursive: true });
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
}

const known = fromEnv || existsSync(passwordFile);
console.log(`
Aula — demo ${seeded ? 'creada' : 'existente (se conservó lo que había)'} en ${path}
Generación de ejemplo: ${DEMO_COHORT} (30 personas inspectoras)

Cuentas de demostración (contraseña: ${known ? password : 'la que se imprimió la primera vez'}):
${DEMO_ACCOUNTS.map((a) => `  ${a.roles[0].padEnd(12)} ${a.email}`).join('\n')}

Sitio: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}
`);
