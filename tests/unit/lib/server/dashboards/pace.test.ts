import { describe, expect, test } from 'vitest';
import { expectedMinutes, type PaceInput, paceStatus } from '../../../../../src/lib/server/dashboards/pace.ts';

// A 140-day cohort (20 weeks) of a 120-hour program: 7,200 minutes, about 51 a day, 6 h a week.
const cohort = { startsOn: '2026-03-02', endsOn: '2026-07-19' };
const PROGRAM = 7200;
const at = (day: string) => new Date(`${day}T18:00:00Z`);

function status(overrides: Partial<PaceInput> & { today: string }): ReturnType<typeof paceStatus> {
  return paceStatus({
    ...cohort,
    programMinutes: PROGRAM,
    creditedMinutes: 0,
    lastActivity: at(overrides.today),
    now: at(overrides.today),
    ...overrides,
  });
}

describe('expectedMinutes', () => {
  test('grows linearly over the cohort days, nothing before the start and everything from the last day', () => {
    expect(expectedMinutes(cohort, PROGRAM, '2026-03-01')).toBe(0);
    expect(expectedMinutes(cohort, PROGRAM, '2026-03-02')).toBe(Math.round(PROGRAM / 140));
    expect(expectedMinutes(cohort, PROGRAM, '2026-05-10')).toBe(3600); // day 70 of 140
    expect(expectedMinutes(cohort, PROGRAM, '2026-07-19')).toBe(PROGRAM);
    expect(expectedMinutes(cohort, PROGRAM, '2026-09-01')).toBe(PROGRAM);
  });
});

describe('paceStatus', () => {
  // Halfway (day 70): the pace expects 60 h; 14 days of pace are 12 h.
  const today = '2026-05-10';

  test('a learner at the pace is on track, and so is one up to two weeks of pace behind or ahead', () => {
    expect(status({ today, creditedMinutes: 3600 })).toBe('on_track');
    expect(status({ today, creditedMinutes: 3600 - 700 })).toBe('on_track');
    expect(status({ today, creditedMinutes: 3600 + 700 })).toBe('on_track');
  });

  test('more than two weeks of pace behind is behind, at least two weeks ahead is ahead', () => {
    expect(status({ today, creditedMinutes: 3600 - 800 })).toBe('behind');
    expect(status({ today, creditedMinutes: 3600 + 720 })).toBe('ahead');
  });

  test('no activity in 14 days is inactive, whatever the hours, once the cohort has run 14 days', () => {
    expect(status({ today, creditedMinutes: 5000, lastActivity: at('2026-04-25') })).toBe('inactive');
    expect(status({ today, creditedMinutes: 3600, lastActivity: at('2026-04-27') })).toBe('on_track');
    expect(status({ today, creditedMinutes: 0, lastActivity: null })).toBe('inactive');
  });

  test('in the first two weeks, someone who has not come yet has not started, and is not inactive', () => {
    expect(status({ today: '2026-03-09', lastActivity: null })).toBe('not_started');
    expect(status({ today: '2026-02-20', lastActivity: null })).toBe('not_started');
    expect(status({ today: '2026-03-09', lastActivity: at('2026-03-04') })).toBe('on_track');
    expect(status({ today: '2026-03-09', creditedMinutes: 300, lastActivity: at('2026-01-10') })).toBe('on_track');
  });

  test('the whole program credited is completed, even long after the last visit', () => {
    expect(status({ today: '2026-08-30', creditedMinutes: PROGRAM, lastActivity: at('2026-07-01') })).toBe('completed');
  });

  test('after the cohort ends, anything short of the program two weeks later is behind', () => {
    expect(status({ today: '2026-07-25', creditedMinutes: 7000 })).toBe('on_track');
    expect(status({ today: '2026-08-05', creditedMinutes: 7000 })).toBe('behind');
  });
});
