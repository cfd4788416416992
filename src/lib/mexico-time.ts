import { TIME_ZONE } from '../i18n/index.ts';

/**
 * Wall-clock time in Mexico City (DESIGN.md: instants stored in UTC, shown in America/Mexico_City).
 * Forms send a day and a time of day as people read them there; these turn them into instants
 * and back, asking Intl for the zone's offset at that moment rather than assuming one.
 */

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The instant's Mexico City wall time as if it were UTC: the same digits, in a Date. */
export function mexicoWallClock(instant: Date): Date {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)));
}

/** `2026-10-15` and `10:30` in Mexico City as an instant. */
export function instantInMexico(isoDate: string, time: string): Date {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at a first guess, then again at the result: right across an offset change too.
  let instant = wall - (mexicoWallClock(new Date(wall)).getTime() - wall);
  instant = wall - (mexicoWallClock(new Date(instant)).getTime() - instant);
  return new Date(instant);
}

/** An instant as the `date` and `time` a form shows in Mexico City: `{ date: '2026-10-15', time: '10:30' }`. */
export function mexicoDateAndTime(instant: Date): { date: string; time: string } {
  const iso = mexicoWallClock(instant).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
