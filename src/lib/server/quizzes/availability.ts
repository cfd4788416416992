import type { Quiz } from '../../content/quiz-schema.ts';

export interface QuizWindow {
  opensAt: Date | null;
  closesAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Mexico City has been UTC−6 all year since 2022 (no daylight saving): a day starts at 06:00 UTC. */
const dayStart = (isoDate: string) => new Date(`${isoDate}T06:00:00Z`);

/**
 * The window in which a cohort may take a quiz: dates named for the cohort win; otherwise days
 * counted from the cohort's start. Open on the whole opening day, closed after the whole closing day.
 */
export function quizWindow(quiz: Pick<Quiz, 'availability'>, cohort: { name: string; startsOn: string } | null): QuizWindow {
  const a = quiz.availability;
  if (!a || !cohort) return { opensAt: null, closesAt: null };
  const named = a.cohorts.find((c) => c.cohort === cohort.name);
  const start = dayStart(cohort.startsOn).getTime();
  const opensAt = named?.opens
    ? dayStart(named.opens)
    : a.opensAfterDays !== undefined
      ? new Date(start + a.opensAfterDays * DAY_MS)
      : null;
  const closesAt = named?.closes
    ? new Date(dayStart(named.closes).getTime() + DAY_MS)
    : a.closesAfterDays !== undefined
      ? new Date(start + (a.closesAfterDays + 1) * DAY_MS)
      : null;
  return { opensAt, closesAt };
}

export type WindowState = 'not-open' | 'open' | 'closed';

export function windowState(window: QuizWindow, now: Date): WindowState {
  if (window.opensAt && now < window.opensAt) return 'not-open';
  if (window.closesAt && now >= window.closesAt) return 'closed';
  return 'open';
}
