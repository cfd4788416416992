import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index.ts';
import { todayInMexico } from '../../format.ts';
import type { Executor } from '../db.ts';

/**
 * Folios and verification codes (issue 14). A folio is `<prefix>-<year>-<number>`: the year in
 * Mexico City when issued, the number sequential per program and year with five digits. The
 * verification code is random (60 bits) in a base-32 alphabet without 0/O, 1/I: it can be read
 * aloud or typed from paper, and says nothing about the person.
 */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 12;

export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  // 256 is a multiple of 32, so `& 31` keeps every letter equally likely.
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}

/** A typed code or folio as stored: upper case, without spaces; codes also without dashes. */
export function normalizeLookup(typed: string): string {
  return typed.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, '');
}

export function isVerificationCode(value: string): boolean {
  return value.length === CODE_LENGTH && [...value].every((c) => CODE_ALPHABET.includes(c));
}

export function folioYear(at: Date): number {
  return Number(todayInMexico(at).slice(0, 4));
}

export function formatFolio(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(5, '0')}`;
}

/** The next folio number of a program's year. */
export function nextFolioNumber(db: Executor, programSlug: string, year: number): number {
  const last =
    db
      .select({ n: sql<number>`coalesce(max(${certificates.folioNumber}), 0)` })
      .from(certificates)
      .where(and(eq(certificates.programSlug, programSlug), eq(certificates.folioYear, year)))
      .get()?.n ?? 0;
  return last + 1;
}
