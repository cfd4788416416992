import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import * as messages from '../../src/i18n/es-MX.ts';
import { hasMessage, t } from '../../src/i18n/index.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx|astro)$/.test(name) ? [path] : [];
  });
}

describe('es-MX messages', () => {
  test('every literal key passed to t() or DomainError exists', () => {
    const missing: string[] = [];
    for (const file of sourceFiles('src')) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\bt\(|\btCount\(|new DomainError\(|new CsvFileError\()\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1] as string;
        if (!hasMessage(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('a value ending in a period ends the sentence with it: no "p.m.."', () => {
    expect(t('gradebook.attempt.submitted', { time: '23 nov 2026, 12:01 p.m.' })).toBe('Lo envió el 23 nov 2026, 12:01 p.m.');
    expect(t('lesson.completed', { date: '23 nov 2026, 9:15 a.m.' })).toBe('Completó esta lección el 23 nov 2026, 9:15 a.m.');
    expect(t('gradebook.attempt.submitted', { time: '23 nov 2026, 12:01' })).toBe('Lo envió el 23 nov 2026, 12:01.');
    expect(t('passwordReset.choose.lead', { name: 'José Núñez Jr.' })).toBe('Hola, José Núñez Jr. Elija su contraseña nueva.');
  });

  test('fills named parameters and leaves unknown ones visible', () => {
    expect(t('curp.length', { length: 17 })).toBe('La CURP tiene 17 caracteres; debe tener 18.');
    expect(t('curp.length')).toContain('{length}');
    // The same message again, after its first use: the parsed form gives the same text.
    expect(t('curp.length', { length: 19 })).toBe('La CURP tiene 19 caracteres; debe tener 18.');
  });

  test('every message reads the same as a plain search-and-replace of its parameters would fill it', () => {
    const { esMX } = messages;
    const reference = (template: string, params: Record<string, string>) =>
      template.replace(/\{(\w+)\}(\.?)/g, (match, name: string, period: string) => {
        if (!(name in params)) return match;
        const value = params[name] as string;
        return period && value.endsWith('.') ? value : value + period;
      });
    for (const [key, template] of Object.entries(esMX)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      // Every other parameter given, one ending in a period: filled, kept visible, and the period rule.
      const params = Object.fromEntries(names.filter((_, i) => i % 2 === 0).map((name, i) => [name, i % 2 ? 'Jr.' : `«${name}»`]));
      expect(t(key as keyof typeof esMX, params), key).toBe(reference(template, params));
      expect(t(key as keyof typeof esMX), key).toBe(template);
    }
  });
});
