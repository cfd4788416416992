/**
 * Where a learner stands against their cohort's pace (docs/decisions/016-pace.md). The program's
 * minutes are expected linearly over the cohort's calendar days; a learner is on track while
 * their credited minutes are within two weeks of that pace, either way. Pure: the dashboard
 * passes the ledger total, the last activity and today.
 */

/** The statuses, in the order the dashboard lists them (the most urgent first). */
export const PACE_STATUSES = ['inactive', 'behind', 'not_started', 'on_track', 'ahead', 'completed'] as const;
export type PaceStatus = (typeof PACE_STATUSES)[number];

/** No activity in this many days makes a learner inactive (issue #13). */
export const INACTIVE_DAYS = 14;
/** How far from the pace a learner may be, in days of the pace, and still be on track. */
export const TOLERANCE_DAYS = 14;

const DAY_MS = 86_400_000;

export interface PaceInput {
  /** The cohort's calendar dates (YYYY-MM-DD, Mexico City). */
  startsOn: string;
  endsOn: string;
  /** The program's minutes (120 h = 7,200). */
  programMinutes: number;
  /** The learner's net credited minutes in the program (ledger sum). */
  creditedMinutes: number;
  /** The learner's last activity (lesson, attempt, attendance, ledger entry); null when never. */
  lastActivity: Date | null;
  now: Date;
  /** Today in Mexico City (YYYY-MM-DD); the dashboard computes it once for everyone. */
  today: string;
}

/**
 * Minutes the pace expects by the end of `day` (YYYY-MM-DD): the program's minutes times the
 * share of the cohort's days that have passed, the start day counting as one. Nothing before
 * the start, everything from the last day on.
 */
export function expectedMinutes(cohort: { startsOn: string; endsOn: string }, programMinutes: number, day: string): number {
  const total = daysBetween(cohort.startsOn, cohort.endsOn) + 1;
  const elapsed = daysBetween(cohort.startsOn, day) + 1;
  if (elapsed <= 0) return 0;
  if (elapsed >= total) return programMinutes;
  return Math.round((programMinutes * elapsed) / total);
}

/**
 * A learner's status, first match wins:
 * 1. completed: the program's minutes are credited;
 * 2. not started: nothing credited and no activity since the cohort began (or it has not begun),
 *    while the cohort is in its first 14 days;
 * 3. inactive: no activity in the last 14 days, once the cohort has run 14 days;
 * 4. behind: fewer minutes than the pace expected 14 days ago;
 * 5. ahead: at least what the pace will expect 14 days from now (and more than today's);
 * 6. on track otherwise.
 */
export function paceStatus(input: PaceInput): PaceStatus {
  const { creditedMinutes, programMinutes, lastActivity, now, today } = input;
  if (creditedMinutes >= programMinutes) return 'completed';
  const daysRunning = daysBetween(input.startsOn, today);
  const quiet = !lastActivity || now.getTime() - lastActivity.getTime() > INACTIVE_DAYS * DAY_MS;
  if (daysRunning < INACTIVE_DAYS) {
    const startedAt = Date.parse(`${input.startsOn}T00:00:00Z`);
    const activeSinceStart = lastActivity !== null && lastActivity.getTime() >= startedAt - DAY_MS;
    if (creditedMinutes === 0 && !activeSinceStart) return 'not_started';
  } else if (quiet) {
    return 'inactive';
  }
  const behindLine = expectedMinutes(input, programMinutes, shiftDay(today, -TOLERANCE_DAYS));
  if (creditedMinutes < behindLine) return 'behind';
  const expectedNow = expectedMinutes(input, programMinutes, today);
  const aheadLine = expectedMinutes(input, programMinutes, shiftDay(today, TOLERANCE_DAYS));
  if (creditedMinutes >= aheadLine && creditedMinutes > expectedNow) return 'ahead';
  return 'on_track';
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar day `days` after `day` (YYYY-MM-DD). */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
