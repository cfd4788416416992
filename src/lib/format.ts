import { LOCALE, type MessageKey, type MessageParams, t, TIME_ZONE } from '../i18n/index.ts';

// Formatters are costly to build; pages format many dates, so build each once.
const dateTime = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
/** The time of day everywhere, on the server and in the browser (which may sit in another zone). */
export const TIME_OPTIONS: Intl.DateTimeFormatOptions = { timeZone: TIME_ZONE, timeStyle: 'short' };
const time = new Intl.DateTimeFormat(LOCALE, TIME_OPTIONS);
const longDate = new Intl.DateTimeFormat(LOCALE, { timeZone: TIME_ZONE, dateStyle: 'long' });
const calendarDate = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', dateStyle: 'long' });
const integer = new Intl.NumberFormat(LOCALE);
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 });
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });

/** An instant, shown in Mexico City time: "23 nov 2026, 10:15". */
export function formatDateTime(value: Date): string {
  return dateTime.format(value);
}

/**
 * An instant's time of day in Mexico City: "12:01 p.m.". It may end in a period; t() then drops
 * the message's own period after it.
 */
export function formatTime(value: Date): string {
  return time.format(value);
}

/** An instant's day in Mexico City: "23 de noviembre de 2026". */
export function formatLongDate(value: Date): string {
  return longDate.format(value);
}

/** A calendar date stored as YYYY-MM-DD (no time zone): "23 de noviembre de 2026". */
export function formatCalendarDate(isoDate: string): string {
  return calendarDate.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** Any number as Mexico writes it, with its decimals: "1,234.5". */
export function formatNumber(value: number): string {
  return decimal.format(value);
}

const upTo = new Map<number, Intl.NumberFormat>();

/** A number with at most `digits` decimals: "12.5". The formatter is made once per precision (a new one costs ~20 µs). */
export function formatDecimal(value: number, digits: number): string {
  let format = upTo.get(digits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits });
    upTo.set(digits, format);
  }
  return format.format(value);
}

/**
 * A count with its noun in the right number: `forms.one` for exactly 1, `forms.other` otherwise
 * (0 too, as Spanish says "0 personas"), with `{count}` filled in: "1 persona", "1,250 personas".
 */
export function countOf(count: number, forms: { one: string; other: string }): string {
  return (count === 1 ? forms.one : forms.other).replaceAll('{count}', formatInteger(count));
}

/** The message keys that have a singular under `key.one` ("people.count" and "people.count.one"). */
export type CountedKey = { [K in MessageKey]: `${K}.one` extends MessageKey ? K : never }[MessageKey];

/**
 * A counted message from src/i18n: `key.one` for exactly 1, `key` otherwise, through countOf.
 * @example tCount('quiz.earned', 1, { score: 0.5 }) // "Obtuvo 0.5 de 1 punto"
 */
export function tCount(key: CountedKey, count: number, params: MessageParams = {}): string {
  // Only the form the count needs is looked up and filled (a gradebook asks thousands of times).
  return t(count === 1 ? `${key}.one` : key, params).replaceAll('{count}', formatInteger(count));
}

/** Today's date in Mexico City as YYYY-MM-DD. */
export function todayInMexico(now = new Date()): string {
  return isoDay.format(now);
}

const hoursNumber = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

/**
 * Minutes of the hours ledger as hours, the unit the program counts in: "2.5 h", "0.25 h",
 * "−1 h" for a reversal. Rounded to the hundredth, so 20 minutes read "0.33 h".
 */
export function formatHours(minutes: number): string {
  return `${hoursNumber.format(minutes / 60)} h`;
}
