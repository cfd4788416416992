/**
 * CURP rules (Clave Única de Registro de Población), as RENAPO defines them: 18 characters,
 * a birth date, a sex letter, a state code and a check digit over the first 17 characters.
 * Shared by the server and any form that wants to check as the person types.
 */

export const CURP_LENGTH = 18;

/** RENAPO's state codes; NE is "nacido en el extranjero". */
const STATE_CODES = new Set([
  'AS',
  'BC',
  'BS',
  'CC',
  'CL',
  'CM',
  'CS',
  'CH',
  'DF',
  'DG',
  'GT',
  'GR',
  'HG',
  'JC',
  'MC',
  'MN',
  'MS',
  'NT',
  'NL',
  'OC',
  'PL',
  'QT',
  'QR',
  'SP',
  'SL',
  'SR',
  'TC',
  'TS',
  'TL',
  'VZ',
  'YN',
  'ZS',
  'NE',
]);

const CHECK_ALPHABET = '0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ';

export type CurpProblem =
  | { code: 'curp.length'; length: number }
  | { code: 'curp.characters' }
  | { code: 'curp.name' }
  | { code: 'curp.birthDate' }
  | { code: 'curp.sex' }
  | { code: 'curp.state'; state: string }
  | { code: 'curp.consonants' }
  | { code: 'curp.checkDigit'; expected: string };

/** The check digit RENAPO computes from the first 17 characters. */
export function curpCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CHECK_ALPHABET.indexOf(first17[i] ?? '0') * (18 - i);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Upper-cases and trims; validation is then done on the normalized value. */
export function normalizeCurp(value: string): string {
  return value.trim().toUpperCase();
}

/** Returns the first problem found in a CURP, or null when it is valid. */
export function findCurpProblem(raw: string): CurpProblem | null {
  const curp = normalizeCurp(raw);
  if (curp.length !== CURP_LENGTH) return { code: 'curp.length', length: curp.length };
  if (!/^[A-Z0-9]+$/.test(curp)) return { code: 'curp.characters' };
  if (!/^[A-Z][AEIOUX][A-Z]{2}$/.test(curp.slice(0, 4))) return { code: 'curp.name' };
  if (!isValidBirthDate(curp.slice(4, 10), curp[16] ?? '')) return { code: 'curp.birthDate' };
  if (!/^[HMX]$/.test(curp[10] ?? '')) return { code: 'curp.sex' };
  const state = curp.slice(11, 13);
  if (!STATE_CODES.has(state)) return { code: 'curp.state', state };
  if (!/^[B-DF-HJ-NP-TV-Z]{3}$/.test(curp.slice(13, 16))) return { code: 'curp.consonants' };
  if (!/^\d$/.test(curp[17] ?? '')) return { code: 'curp.checkDigit', expected: curpCheckDigit(curp.slice(0, 17)) };
  const expected = curpCheckDigit(curp.slice(0, 17));
  if (curp[17] !== expected) return { code: 'curp.checkDigit', expected };
  return null;
}

export function isValidCurp(raw: string): boolean {
  return findCurpProblem(raw) === null;
}

/** YYMMDD must be a real date; position 17 is a digit for births before 2000, a letter after. */
function isValidBirthDate(yymmdd: string, centuryMark: string): boolean {
  if (!/^\d{6}$/.test(yymmdd)) return false;
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const year = (/\d/.test(centuryMark) ? 1900 : 2000) + yy;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
