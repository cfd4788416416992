import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import './spanish-errors.ts';

/**
 * The one way free text from a form or a file becomes data (issue #11): Unicode NFC, so "José"
 * typed two ways is one name; no control or format characters (NUL, zero-width spaces, the
 * right-to-left override, BOM), which print as nothing or reorder what follows on a certificate;
 * runs of whitespace collapsed to one space, and trimmed.
 */
export function cleanText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\p{Cf}/gu, '') // format characters first: JavaScript counts the BOM as a space
    .replace(/\s+/g, ' ')
    .replace(/\p{C}/gu, '') // what is left: controls such as NUL, private use, lone surrogates
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** As `cleanText`, keeping line breaks (as `\n`) and at most one empty line between paragraphs. */
export function cleanMultilineText(value: string): string {
  return value
    .normalize('NFC')
    .split(/\r\n|[\n\r\v\f\u2028\u2029]/)
    .map(cleanText)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const LETTER = /\p{L}/u;
/** Letters (with their accents), inner spaces, hyphens, apostrophes and the period of "Ma." */
const NAME = /^\p{L}[\p{L}\p{M} '’.-]*$/u;

interface TextLimits {
  min: number;
  max: number;
  /** Message when shorter than `min` once cleaned; by default the Spanish error map's. */
  tooShort?: string;
  tooLong?: string;
  multiline?: boolean;
}

/** Free text that must say something: cleaned, within the limits, with at least one letter. */
export function textSchema({ min, max, tooShort, tooLong, multiline = false }: TextLimits) {
  return z
    .string()
    .transform(multiline ? cleanMultilineText : cleanText)
    .pipe(
      z
        .string()
        .min(min, tooShort)
        .max(max, tooLong)
        .refine((v) => v.length === 0 || LETTER.test(v), t('form.text.noLetters')),
    );
}

/** A person's name as printed on a certificate: cleaned, and made of letters. */
export function personNameSchema({ min, max, tooShort, tooLong }: Omit<TextLimits, 'multiline'>) {
  return z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(min, tooShort)
        .max(max, tooLong)
        .refine((v) => NAME.test(v), t('form.name.letters')),
    );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `YYYY-MM-DD` names a day that exists: 2028-02-29 does, 2026-02-30 does not. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A day as `YYYY-MM-DD` (what `<input type="date">` sends) that exists in the calendar. */
export const calendarDateSchema = z
  .string()
  .trim()
  // `abort`: a date that is not one stops here, so no later check (end after start) compares it.
  .refine((v) => ISO_DATE.test(v), { error: t('form.date.invalid'), abort: true })
  .refine(isCalendarDate, {
    error: (issue) => t('form.date.notInCalendar', { date: String(issue.input) }),
    abort: true,
  });
