// npm run user:create: the first admin on a fresh install (or any account, with --rol).
// Asks for what is missing; flags: --nombre, --correo, --entidad, --oficina, --curp, --rol.
// The password comes from AULA_USER_PASSWORD or is typed (twice, not echoed).
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { ROLES, type Role } from '../db/schema/index.ts';
import { openDatabase } from '../db/connection.ts';
import { createAccount } from '../src/lib/server/accounts/create-account.ts';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import { DomainError } from '../src/lib/server/errors.ts';
import { newPasswordSchema, personSchema } from '../src/lib/validation/person.ts';
import { t } from '../src/i18n/index.ts';
import { migrateDatabase } from './lib/database.mjs';

const { values: flags } = parseArgs({
  options: {
    nombre: { type: 'string' },
    correo: { type: 'string' },
    entidad: { type: 'string' },
    oficina: { type: 'string' },
    curp: { type: 'string' },
    rol: { type: 'string', default: 'admin' },
  },
});

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
// Without a terminal (a provisioning script), missing values are empty and validation says so.
const ask = async (label: string, given?: string): Promise<string> => given ?? (process.stdin.isTTY ? await rl.question(`${label}: `) : '');

async function askSecret(label: string): Promise<string> {
  if (!process.stdin.isTTY) return '';
  // Hide what is typed: readline echoes through _writeToOutput, which we silence for the answer.
  const output = rl as unknown as { _writeToOutput: (s: string) => void };
  const write = output._writeToOutput.bind(rl);
  process.stdout.write(`${label}: `);
  output._writeToOutput = () => {};
  const answer = await rl.question('');
  output._writeToOutput = write;
  process.stdout.write('\n');
  return answer;
}

const role = flags.rol as Role;
if (!ROLES.includes(role)) {
  console.error(`Rol desconocido «${flags.rol}». Use uno de: ${ROLES.join(', ')}.`);
  process.exit(1);
}

const person = personSchema.safeParse({
  fullName: await ask(t('person.fullName'), flags.nombre),
  email: await ask(t('person.email'), flags.correo),
  curp: await ask(`${t('person.curp')} ${t('form.optional')}`, flags.curp),
  state: await ask(t('person.state'), flags.entidad),
  // Typed, not chosen from a list: «otra» with the name, which a listed office's name still matches.
  office: 'otra',
  officeOther: await ask(t('person.office'), flags.oficina),
  gender: '',
});
if (!person.success) {
  for (const issue of person.error.issues) console.error(`✗ ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}

const password = process.env.AULA_USER_PASSWORD ?? (await askSecret(t('auth.signIn.password')));
if (!process.env.AULA_USER_PASSWORD && (await askSecret(t('account.confirmPassword'))) !== password) {
  console.error(`✗ ${t('form.password.mismatch')}`);
  process.exit(1);
}
rl.close();
const checked = newPasswordSchema.safeParse(password);
if (!checked.success) {
  console.error(`✗ ${checked.error.issues[0]?.message}`);
  process.exit(1);
}

migrateDatabase();
const db = openDatabase();
try {
  const passwordHash = await hashPassword(password);
  const { id } = db.transaction((tx) =>
    createAccount(tx, { person: person.data, roles: [role], actorId: null, passwordHash, reason: 'npm run user:create' }),
  );
  console.log(
    `✓ Cuenta ${id} creada: ${person.data.fullName} <${person.data.email}>, rol ${t(`role.${role}`)}. Ya puede ingresar en /ingresar.`,
  );
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`✗ ${t(error.code, error.params)}`);
    process.exit(1);
  }
  throw error;
} finally {
  db.$client.close();
}
