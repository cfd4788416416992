import { describe, expect, test } from 'vitest';
import { buildSortKey } from '../../../../../src/lib/server/accounts/sort-key.ts';

const collator = new Intl.Collator('es-MX');
const byKey = (names: string[]) =>
  [...names].sort((a, b) => (buildSortKey(a) < buildSortKey(b) ? -1 : buildSortKey(a) > buildSortKey(b) ? 1 : 0));

describe('buildSortKey', () => {
  test('orders names as Intl.Collator("es-MX") does: accents with their letter, Ñ between N and O', () => {
    const names = [
      'Zúñiga Ortiz, Ana',
      'Ñañez Ruiz, Luis',
      'Oropeza Díaz, Eva',
      'Núñez Pérez, Ximena',
      'Nava Soto, José',
      'Álvarez Gómez, Sofía',
      'Ávila Cruz, Raúl',
      'Ortiz Peña, Ángel',
      'Ñúñez Gutiérrez, José',
      'Nuño Salas, Itzel',
      'Nunez Sol, Tere',
      'Óscar Vázquez',
      'alberto Luna',
    ];
    expect(byKey(names)).toEqual([...names].sort(collator.compare));
  });

  test('is case-, accent- and spacing-insensitive, except for Ñ', () => {
    expect(buildSortKey('  ÁNGEL   Ortiz ')).toBe(buildSortKey('angel ortiz'));
    expect(buildSortKey('Nuño')).not.toBe(buildSortKey('Nuno'));
    // Typed with a combining tilde, Ñ is still Ñ.
    expect(buildSortKey('N\u0303u\u0303n\u0303ez')).toBe(buildSortKey('Ñũñez'));
  });
});
