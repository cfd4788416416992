import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { count, eq, inArray } from 'drizzle-orm';
import { type Db, openDatabase } from '../../db/connection.ts';
import { enrollments, type Role, sessions, users } from '../../db/schema/index.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { createSession, generateToken, hashToken } from '../../src/lib/server/auth/session.ts';
import type { PersonInput } from '../../src/lib/validation/person.ts';
import { DEMO_OFFICES, buildPerson, insertPerson } from '../factories.ts';

/**
 * Shared by every journey: the e2e database the server runs on, accounts signed in by cookie,
 * cohorts, CSV files like the demo's, and the axe check. Only the sign-in journey uses the form.
 */

/** The file `playwright.config.ts` gives the server (DATABASE_PATH), resolved from here, not the cwd. */
export const E2E_DB_PATH = fileURLToPath(new URL('../.tmp/e2e.db', import.meta.url));
export const BASE_URL = 'http://127.0.0.1:4322';

let connection: Db | undefined;
/**
 * The server's database, opened on first use: the server deletes and migrates it at start-up
 * (RESET_DB=1), which happens after Playwright has loaded this file once to list the tests.
 */
export function e2eDb(): Db {
  connection ??= openDatabase(E2E_DB_PATH);
  return connection;
}

/** Unique per call and per worker process, so tests sharing one database never collide. */
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${RUN}-${counter}`;
}
export function uniqueEmail(prefix: string): string {
  return `${unique(prefix)}@e2e.aula.mx`.toLowerCase();
}
/** `n` for `buildPerson`: names and CURPs differ from every other person built in this run. */
const N_OFFSET = Math.floor(Math.random() * 3000);
function nextN(): number {
  counter += 1;
  return N_OFFSET + counter;
}

export interface Account {
  id: number;
  email: string;
  fullName: string;
  roles: Role[];
}

/** Writes an account straight into the database; no CURP, so accounts never clash on it. */
export function createAccountIn(roles: Role[], overrides: Partial<PersonInput> & { passwordHash?: string | null } = {}): Account {
  const email = overrides.email ?? uniqueEmail(roles.join('-'));
  const { id, person } = insertPerson(e2eDb(), { curp: null, ...overrides, email, roles }, nextN());
  return { id, email: person.email, fullName: person.fullName, roles };
}

/** Opens a session for the account in the database and gives the browser its cookie. */
export async function signIn(context: BrowserContext, account: Account): Promise<{ token: string; sessionId: string }> {
  const token = generateToken();
  const session = createSession(e2eDb(), token, account.id);
  await context.addCookies([
    {
      name: 'aula_session',
      value: token,
      url: BASE_URL,
      httpOnly: true,
      sameSite: 'Lax',
      expires: Math.floor(session.expiresAt.getTime() / 1000),
    },
  ]);
  return { token, sessionId: session.id };
}

/** A new account with one role, already signed in on this page's browser context. */
export async function signInAs(
  page: Page,
  role: Role,
  overrides: Partial<PersonInput> = {},
): Promise<Account & { token: string; sessionId: string }> {
  const account = createAccountIn([role], overrides);
  return { ...account, ...(await signIn(page.context(), account)) };
}

/** `test` with a `signInAs(role)` fixture bound to the test's page. */
export const test = base.extend<{ signInAs: (role: Role, overrides?: Partial<PersonInput>) => ReturnType<typeof signInAs> }>({
  signInAs: async ({ page }, use) => {
    await use((role, overrides) => signInAs(page, role, overrides));
  },
});
export { expect };

/** A cohort written to the database, optionally with instructors and enrolled inspectors. */
export function createCohortIn(options: { instructorIds?: number[]; inspectorIds?: number[]; name?: string } = {}): {
  id: number;
  name: string;
} {
  const db = e2eDb();
  const name = options.name ?? `Generación ${unique('e2e')}`;
  const { id } = createCohort(db, {
    name,
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: options.instructorIds ?? [],
    actorId: null,
  });
  for (const userId of options.inspectorIds ?? []) enrollInspector(db, { cohortId: id, userId, actorId: null });
  return { id, name };
}

export function countEnrollments(cohortId: number): number {
  return e2eDb().select({ n: count() }).from(enrollments).where(eq(enrollments.cohortId, cohortId)).get()?.n ?? 0;
}

export function countAccountsWithEmails(emails: string[]): number {
  if (emails.length === 0) return 0;
  return e2eDb().select({ n: count() }).from(users).where(inArray(users.email, emails)).get()?.n ?? 0;
}

export function sessionExists(sessionIdOrToken: { sessionId?: string; token?: string }): boolean {
  const id = sessionIdOrToken.sessionId ?? hashToken(sessionIdOrToken.token ?? '');
  return Boolean(e2eDb().select({ id: sessions.id }).from(sessions).where(eq(sessions.id, id)).get());
}

// ---------------------------------------------------------------------------------------------
// CSV files as a coordinator exports them from Excel, with people like the demo's.

export interface CsvPerson {
  nombre: string;
  correo: string;
  curp: string;
  entidad: string;
  oficina: string;
}

const DEMO_STATES = Object.keys(DEMO_OFFICES) as (keyof typeof DEMO_OFFICES)[];

/** `total` demo-style rows (names with diacritics, a valid CURP, a CALLE state) with fresh emails. */
export function demoCsvPeople(total: number): CsvPerson[] {
  return Array.from({ length: total }, (_, i) => {
    const n = nextN();
    const state = DEMO_STATES[i % DEMO_STATES.length] as keyof typeof DEMO_OFFICES;
    const person = buildPerson({ state }, n);
    return {
      nombre: person.fullName,
      correo: uniqueEmail(`csv${i + 1}`),
      curp: person.curp ?? '',
      entidad: state,
      oficina: DEMO_OFFICES[state],
    };
  });
}

/** The file a browser uploads: UTF-8 (with BOM, as Excel's "CSV UTF-8") or Windows-1252. */
export function csvFile(
  people: CsvPerson[],
  options: { name?: string; delimiter?: ',' | ';'; encoding?: 'utf-8' | 'windows-1252' } = {},
): { name: string; mimeType: string; buffer: Buffer } {
  const { name = 'inscripciones.csv', delimiter = ',', encoding = 'utf-8' } = options;
  const quote = (cell: string) => (/[",;\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = [
    ['nombre', 'correo', 'curp', 'entidad', 'oficina'].join(delimiter),
    ...people.map((p) => [p.nombre, p.correo, p.curp, p.entidad, p.oficina].map(quote).join(delimiter)),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  return { name, mimeType: 'text/csv', buffer: encoding === 'utf-8' ? Buffer.from(`\uFEFF${text}`, 'utf8') : windows1252(text) };
}

/** Spanish text fits in Latin-1, which Windows-1252 matches from U+00A0 up; anything else is a test bug. */
function windows1252(text: string): Buffer {
  const outside = [...text].find((c) => (c.codePointAt(0) ?? 0) > 0xff);
  if (outside) throw new Error(`"${outside}" has no Windows-1252 byte in this helper`);
  return Buffer.from(text, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// Accessibility

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe on the page as it is (or only on `include`, a CSS selector) and fails with one
 * readable line per violated rule and node.
 */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  const { violations } = await (include ? axe.include(include) : axe).analyze();
  const report = violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n    at ${node.target.join(' ')}\n    ${(node.failureSummary ?? '').replaceAll('\n', '\n    ')}`,
    ),
  );
  expect(report, `axe found WCAG A/AA violations on ${page.url()}:\n${report.join('\n')}`).toEqual([]);
}
