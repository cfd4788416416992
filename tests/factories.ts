import type { Role } from '../db/schema/index.ts';
import { createAccount } from '../src/lib/server/accounts/create-account.ts';
import type { Db, Executor } from '../src/lib/server/db.ts';
import { curpCheckDigit } from '../src/lib/curp.ts';
import { foldForSearch } from '../src/lib/text.ts';
import type { PersonInput } from '../src/lib/validation/person.ts';

/** Builds valid records for tests and the demo. Default names carry diacritics on purpose. */

const GIVEN = [
  ['José', 'H'],
  ['María Fernanda', 'M'],
  ['Ximena', 'M'],
  ['Juan Pablo', 'H'],
  ['Guadalupe', 'M'],
  ['Ángel', 'H'],
  ['Itzel', 'M'],
  ['Raúl', 'H'],
  ['Sofía', 'M'],
  ['Tonatiuh', 'H'],
  ['Verónica', 'M'],
  ['Héctor', 'H'],
  ['Araceli', 'M'],
  ['Jesús', 'H'],
  ['Nayeli', 'M'],
  ['Óscar', 'H'],
  ['Citlali', 'M'],
  ['Efraín', 'H'],
  ['Rocío', 'M'],
  ['Martín', 'H'],
] as const;
const SURNAMES = [
  'Núñez',
  'Gutiérrez',
  'Hernández',
  'López',
  'Martínez',
  'Pérez',
  'Ramírez',
  'Sánchez',
  'Cortés',
  'Domínguez',
  'Ibáñez',
  'Jiménez',
  'Muñoz',
  'Ortiz',
  'Peña',
  'Quiñones',
  'Rodríguez',
  'Vázquez',
  'Xochitiotzin',
  'Zúñiga',
  'Álvarez',
  'Tlapanco',
];

/** Offices (oficinas de representación federal del trabajo) of the CALLE states, as named in the demo. */
export const DEMO_OFFICES = {
  'Estado de México': 'Oficina de Representación Federal del Trabajo en el Estado de México (Toluca)',
  Puebla: 'Oficina de Representación Federal del Trabajo en Puebla',
  'San Luis Potosí': 'Oficina de Representación Federal del Trabajo en San Luis Potosí',
} as const;

const STATE_CODES: Record<string, string> = { 'Estado de México': 'MC', Puebla: 'PL', 'San Luis Potosí': 'SP', 'Ciudad de México': 'DF' };

function letters(value: string): string {
  return foldForSearch(value)
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}
function firstInnerVowel(value: string): string {
  return (
    letters(value)
      .slice(1)
      .match(/[AEIOU]/)?.[0] ?? 'X'
  );
}
function firstInnerConsonant(value: string): string {
  return (
    letters(value)
      .slice(1)
      .match(/[B-DF-HJ-NP-TV-Z]/)?.[0] ?? 'X'
  );
}

/** A CURP that passes RENAPO's rules, built the way RENAPO builds one from the name and birth data. */
export function buildCurp(input: { given: string; first: string; second: string; birth: string; sex: 'H' | 'M'; state: string }): string {
  const given = letters(input.given.split(' ')[0] ?? input.given);
  const first = letters(input.first);
  const second = letters(input.second);
  const [y, m, d] = input.birth.split('-');
  const first17 =
    `${first[0]}${firstInnerVowel(first)}${second[0]}${given[0]}` +
    `${y?.slice(2)}${m}${d}${input.sex}${STATE_CODES[input.state] ?? 'DF'}` +
    `${firstInnerConsonant(first)}${firstInnerConsonant(second)}${firstInnerConsonant(given)}` +
    `${Number(y) < 2000 ? '0' : 'A'}`;
  return first17 + curpCheckDigit(first17);
}

let sequence = 0;

/** A valid person; `n` picks a deterministic name, so a seed builds the same people every time. */
export function buildPerson(overrides: Partial<PersonInput> = {}, n = ++sequence): PersonInput & { sex: 'H' | 'M' } {
  const [given, sex] = GIVEN[n % GIVEN.length] as readonly [string, 'H' | 'M'];
  const first = SURNAMES[(n * 7) % SURNAMES.length] as string;
  const second = SURNAMES[(n * 3 + 5) % SURNAMES.length] as string;
  const state = (overrides.state ?? 'Puebla') as keyof typeof DEMO_OFFICES;
  const birth = `19${70 + (n % 28)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const fullName = `${given} ${first} ${second}`;
  const local = foldForSearch(`${given.split(' ')[0]}.${first}`).replace(/[^a-z.]/g, '');
  return {
    fullName,
    email: `${local}.${n}@stps.example.mx`,
    curp: buildCurp({ given, first, second, birth, sex, state }),
    state,
    office: DEMO_OFFICES[state] ?? `Oficina de Representación Federal del Trabajo en ${state}`,
    gender: sex === 'M' ? 'mujer' : 'hombre',
    ...overrides,
    sex,
  };
}

/** Inserts a person with roles through the domain (so the audit log is written as in production). */
export function insertPerson(
  db: Executor,
  overrides: Partial<PersonInput> & { roles?: Role[]; passwordHash?: string | null } = {},
  n?: number,
): { id: number; person: PersonInput } {
  const { roles = ['inspector'], passwordHash = null, ...personOverrides } = overrides;
  const { sex: _sex, ...person } = buildPerson(personOverrides, n);
  const { id } = createAccount(db, { person, roles, actorId: null, passwordHash });
  return { id, person };
}

export function insertInspector(db: Db, overrides: Partial<PersonInput> = {}, n?: number): { id: number; person: PersonInput } {
  return insertPerson(db, { ...overrides, roles: ['inspector'] }, n);
}
