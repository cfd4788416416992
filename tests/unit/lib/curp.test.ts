import { describe, expect, test } from 'vitest';
import { curpCheckDigit, findCurpProblem, isValidCurp } from '../../../src/lib/curp.ts';
import { buildPerson } from '../../factories.ts';

describe('findCurpProblem', () => {
  test.each([
    ['HEGG560427MVZRRL04', 'RENAPO’s published example'],
    ['LOOA531113HTCPBN07', 'a public CURP born before 2000'],
    ['hegg560427mvzrrl04', 'lower case, normalized before checking'],
    ['  HEGG560427MVZRRL04 ', 'surrounding spaces'],
  ])('accepts %s (%s)', (curp) => {
    expect(findCurpProblem(curp)).toBeNull();
  });

  test('accepts CURPs built by the factories for every demo state', () => {
    for (let n = 1; n <= 60; n++) {
      const state = (['Puebla', 'Estado de México', 'San Luis Potosí'] as const)[n % 3];
      expect(isValidCurp(buildPerson({ state }, n).curp as string)).toBe(true);
    }
  });

  test('says how many characters a short CURP has', () => {
    expect(findCurpProblem('HEGG560427MVZRRL0')).toEqual({ code: 'curp.length', length: 17 });
  });

  test('rejects accented letters and symbols', () => {
    expect(findCurpProblem('HÉGG560427MVZRRL04')).toEqual({ code: 'curp.characters' });
  });

  test('rejects an impossible birth date (February 30)', () => {
    const first17 = 'HEGG560230MVZRRL0';
    expect(findCurpProblem(first17 + curpCheckDigit(first17))).toEqual({ code: 'curp.birthDate' });
  });

  test('rejects a sex letter other than H, M or X', () => {
    const first17 = 'HEGG560427QVZRRL0';
    expect(findCurpProblem(first17 + curpCheckDigit(first17))).toEqual({ code: 'curp.sex' });
  });

  test('names an unknown state code', () => {
    const first17 = 'HEGG560427MXXRRL0';
    expect(findCurpProblem(first17 + curpCheckDigit(first17))).toEqual({ code: 'curp.state', state: 'XX' });
  });

  test('rejects vowels where internal consonants go', () => {
    const first17 = 'HEGG560427MVZAEI0';
    expect(findCurpProblem(first17 + curpCheckDigit(first17))).toEqual({ code: 'curp.consonants' });
  });

  test('gives the expected check digit when it does not match', () => {
    expect(findCurpProblem('HEGG560427MVZRRL05')).toEqual({ code: 'curp.checkDigit', expected: '4' });
  });

  test('a one-letter typo is caught by the check digit', () => {
    expect(isValidCurp('HEGG560427MVZRRN04')).toBe(false);
  });
});
