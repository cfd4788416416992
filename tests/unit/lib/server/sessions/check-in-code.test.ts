import { describe, expect, test } from 'vitest';
import {
  checkinAttendance,
  checkinCodeAt,
  checkinWindow,
  currentCheckinCode,
  isCheckinCodeValid,
  isCheckinOpen,
} from '../../../../../src/lib/server/sessions/check-in-code.ts';
import { creditedMinutes } from '../../../../../src/lib/server/sessions/attendance.ts';
import { instantInMexico, mexicoDateAndTime } from '../../../../../src/lib/mexico-time.ts';

const SECRET = 'secreto-de-prueba';
const START = new Date('2026-10-15T16:00:00Z');
const session = { startsAt: START, durationMinutes: 120 };
const at = (minutesFromStart: number, seconds = 0) => new Date(START.getTime() + minutesFromStart * 60_000 + seconds * 1000);

describe('check-in code', () => {
  test('is six digits, the same within a minute, and changes with the minute and the secret', () => {
    const a = currentCheckinCode(SECRET, at(0, 5));
    expect(a.code).toMatch(/^\d{6}$/);
    expect(currentCheckinCode(SECRET, at(0, 59)).code).toBe(a.code);
    expect(a.changesAt).toEqual(at(1));
    const codes = new Set(Array.from({ length: 30 }, (_, m) => currentCheckinCode(SECRET, at(m)).code));
    expect(codes.size).toBeGreaterThan(25);
    expect(currentCheckinCode('otro-secreto', at(0)).code).not.toBe(a.code);
  });

  test("accepts this minute's and the previous minute's code, not older or later ones", () => {
    const minute = Math.floor(at(5).getTime() / 60_000);
    expect(isCheckinCodeValid(SECRET, checkinCodeAt(SECRET, minute), at(5, 30))).toBe(true);
    expect(isCheckinCodeValid(SECRET, checkinCodeAt(SECRET, minute - 1), at(5, 30))).toBe(true);
    expect(isCheckinCodeValid(SECRET, checkinCodeAt(SECRET, minute - 2), at(5, 30))).toBe(false);
    expect(isCheckinCodeValid(SECRET, checkinCodeAt(SECRET, minute + 1), at(5, 30))).toBe(false);
    expect(isCheckinCodeValid(SECRET, '12345', at(5))).toBe(false);
    expect(isCheckinCodeValid(SECRET, 'abcdef', at(5))).toBe(false);
  });

  test('the window opens 10 minutes before the start and closes at the end', () => {
    expect(checkinWindow(session)).toEqual({ opensAt: at(-10), closesAt: at(120) });
    expect(isCheckinOpen(session, at(-10, -1))).toBe(false);
    expect(isCheckinOpen(session, at(-10))).toBe(true);
    expect(isCheckinOpen(session, at(119, 59))).toBe(true);
    expect(isCheckinOpen(session, at(120))).toBe(false);
  });

  test('checking in up to 10 minutes after the start is present; later is late with the minutes left', () => {
    expect(checkinAttendance(session, at(-5))).toEqual({ status: 'present', minutes: 120 });
    expect(checkinAttendance(session, at(10))).toEqual({ status: 'present', minutes: 120 });
    expect(checkinAttendance(session, at(30))).toEqual({ status: 'late', minutes: 90 });
    expect(checkinAttendance(session, at(30, 20))).toEqual({ status: 'late', minutes: 89 });
  });
});

describe('creditedMinutes', () => {
  test('present is the whole session, absent and excused nothing, late and left early the minutes given', () => {
    expect(creditedMinutes('present', null, 120)).toBe(120);
    expect(creditedMinutes('present', 30, 120)).toBe(120);
    expect(creditedMinutes('absent', 50, 120)).toBe(0);
    expect(creditedMinutes('excused', null, 120)).toBe(0);
    expect(creditedMinutes('late', 90, 120)).toBe(90);
    expect(creditedMinutes('left_early', 45, 120)).toBe(45);
  });

  test('late or left early needs minutes from 1 to less than the whole session', () => {
    expect(creditedMinutes('late', null, 120)).toBeNull();
    expect(creditedMinutes('late', 0, 120)).toBeNull();
    expect(creditedMinutes('left_early', 120, 120)).toBeNull();
    expect(creditedMinutes('late', 12.5, 120)).toBeNull();
  });
});

describe('Mexico City time', () => {
  test('a day and time typed in Mexico City is the right instant, and back', () => {
    expect(instantInMexico('2026-10-15', '10:00').toISOString()).toBe('2026-10-15T16:00:00.000Z');
    expect(instantInMexico('2026-01-05', '23:30').toISOString()).toBe('2026-01-06T05:30:00.000Z');
    expect(mexicoDateAndTime(new Date('2026-01-06T05:30:00Z'))).toEqual({ date: '2026-01-05', time: '23:30' });
  });
});
