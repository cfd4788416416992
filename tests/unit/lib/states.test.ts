import { describe, expect, test } from 'vitest';
import { resolveState, STATES } from '../../../src/lib/states.ts';
import { foldForSearch } from '../../../src/lib/text.ts';

describe('resolveState', () => {
  test('knows the 32 entidades federativas', () => {
    expect(STATES).toHaveLength(32);
  });

  test.each([
    ['san luis potosi', 'San Luis Potosí'],
    ['SLP', 'San Luis Potosí'],
    ['Edomex', 'Estado de México'],
    ['México', 'Estado de México'],
    ['  MICHOACÁN DE OCAMPO ', 'Michoacán'],
    ['Distrito Federal', 'Ciudad de México'],
  ])('reads %j as %s', (input, expected) => {
    expect(resolveState(input)).toBe(expected);
  });

  test('returns null for anything else', () => {
    expect(resolveState('Texas')).toBeNull();
    expect(resolveState('')).toBeNull();
  });
});

describe('foldForSearch', () => {
  test('drops accents and case so "Ñúñez" is found by "nunez"', () => {
    expect(foldForSearch('José Ñúñez GUTIÉRREZ')).toBe('jose nunez gutierrez');
  });
});
