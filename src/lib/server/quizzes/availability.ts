import type { Quiz } from '../../content/quiz-schema.ts';

export interface QuizWindow {
  opensAt: Date | null;
  closesAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Mexico City has been UTC−6 all year since 2022 (no daylight saving): a day starts at 06:00 UTC. */
const dayStart = (isoDate: string) => new Date(`${isoDate}T06:00:00Z`);

/** The instant a cohort's first day begins in Mexico City. */
export function cohortStartsAt(startsOn: string): Date {
  return dayStart(startsOn);
}

/**
 * The window in which a cohort may take a quiz: dates named for the cohort win; otherwise days
 * counted from the cohort's start. Open on the whole opening day, closed after the whole closing day.
 * Never open before the cohort's first day: before it, learners may read but not take quizzes
 * (docs/decisions/012-before-a-cohort-starts.md).
 */
export function quizWindow(quiz: Pick<Quiz, 'availability'>, cohort: { name: string; startsOn: string } | null): QuizWindow {
  if (!cohort) return { opensAt: null, closesAt: null };
  const start = dayStart(cohort.startsOn).getTime();
  const a = quiz.availability;
  if (!a) return { opensAt: new Date(start), closesAt: null };
  const named = a.cohorts.find((c) => c.cohort === cohort.name);
  const opensAt = new Date(
    Math.max(
      start,
      named?.opens ? dayStart(named.opens).getTime() : a.opensAfterDays !== undefined ? start + a.opensAfterDays * DAY_MS : start,
    ),
  );
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
