import { describe, expect, test } from 'vitest';
import { quizWindow, windowState } from '../../../../../src/lib/server/quizzes/availability.ts';

const cohort = { name: 'Generación 2027-1 · Norte', startsOn: '2027-03-08' };

describe('quizWindow', () => {
  test('without availability the quiz opens on the cohort’s first day and never closes', () => {
    expect(quizWindow({}, cohort)).toEqual({ opensAt: new Date('2027-03-08T06:00:00Z'), closesAt: null });
    expect(quizWindow({}, null)).toEqual({ opensAt: null, closesAt: null });
  });

  test('never opens before the cohort starts, even when a date named for it is earlier (decision 012)', () => {
    const early = { availability: { cohorts: [{ cohort: cohort.name, opens: '2027-02-01' }] } };
    expect(quizWindow(early, cohort).opensAt?.toISOString()).toBe('2027-03-08T06:00:00.000Z');
    const w = quizWindow({}, cohort);
    expect(windowState(w, new Date('2027-03-08T05:59:59Z'))).toBe('not-open');
    expect(windowState(w, new Date('2027-03-08T06:00:00Z'))).toBe('open');
  });

  test('counts days from the cohort start, in Mexico City days, closing after the whole last day', () => {
    const w = quizWindow({ availability: { opensAfterDays: 14, closesAfterDays: 60, cohorts: [] } }, cohort);
    expect(w.opensAt?.toISOString()).toBe('2027-03-22T06:00:00.000Z');
    expect(w.closesAt?.toISOString()).toBe('2027-05-08T06:00:00.000Z');
  });

  test('dates named for a cohort win over the relative rule', () => {
    const w = quizWindow(
      { availability: { opensAfterDays: 14, closesAfterDays: 60, cohorts: [{ cohort: cohort.name, closes: '2027-04-30' }] } },
      cohort,
    );
    expect(w.opensAt?.toISOString()).toBe('2027-03-22T06:00:00.000Z');
    expect(w.closesAt?.toISOString()).toBe('2027-05-01T06:00:00.000Z');
  });

  test('windowState before, during and after', () => {
    const w = { opensAt: new Date('2027-03-22T06:00:00Z'), closesAt: new Date('2027-05-01T06:00:00Z') };
    expect(windowState(w, new Date('2027-03-22T05:59:59Z'))).toBe('not-open');
    expect(windowState(w, new Date('2027-04-30T23:00:00Z'))).toBe('open');
    expect(windowState(w, new Date('2027-05-01T06:00:00Z'))).toBe('closed');
  });
});
