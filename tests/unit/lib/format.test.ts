import { describe, expect, test } from 'vitest';
import { t } from '../../../src/i18n/index.ts';
import { countOf, formatDateTime, formatTime } from '../../../src/lib/format.ts';
import { exportFileName } from '../../../src/lib/server/reports/csv-writer.ts';
import { importDoneMessage } from '../../../src/lib/server/enrollment/import-summary.ts';

describe('formatTime', () => {
  test('is Mexico City time, whatever the machine zone, without seconds', () => {
    // 18:01:12 UTC is 12:01 in Mexico City (UTC−6, no daylight saving since 2022).
    expect(formatTime(new Date('2026-11-23T18:01:12Z'))).toBe('12:01 p.m.');
    expect(formatDateTime(new Date('2026-11-23T18:01:12Z'))).toContain(formatTime(new Date('2026-11-23T18:01:12Z')));
  });

  test('never doubles the period of "p.m." in the saved-answers message', () => {
    const message = t('quiz.saved', { time: formatTime(new Date('2026-11-23T18:01:12Z')) });
    expect(message).not.toContain('..');
    expect(message).toContain('12:01 p.m.');
  });
});

describe('countOf', () => {
  const people = { one: '1 persona', other: '{count} personas' };
  test('uses the singular for exactly one, the plural otherwise', () => {
    expect(countOf(1, people)).toBe('1 persona');
    expect(countOf(0, people)).toBe('0 personas');
    expect(countOf(2, people)).toBe('2 personas');
  });
  test('every counted message has its singular', () => {
    expect(countOf(1, { one: t('people.count.one'), other: t('people.count') })).toBe('1 persona');
    expect(countOf(1, { one: t('instructor.rosterCount.one'), other: t('instructor.rosterCount') })).toBe('1 persona inscrita');
    expect(countOf(1, { one: t('search.results.one', { query: 'acta' }), other: t('search.results', { query: 'acta' }) })).toBe(
      '1 resultado para «acta»',
    );
    expect(countOf(12, { one: t('quiz.questionsPerAttempt.one'), other: t('quiz.questionsPerAttempt') })).toBe('12 preguntas por intento');
  });
  test('writes thousands as Mexico does', () => {
    expect(countOf(1250, people)).toBe('1,250 personas');
  });
});

describe('the CSV import summary', () => {
  test('agrees in number with each count', () => {
    expect(importDoneMessage({ enrolled: 3, created: 2, skipped: 1 })).toBe(
      'Se inscribió a 3 personas (2 cuentas nuevas; 1 ya estaba inscrita).',
    );
    expect(importDoneMessage({ enrolled: 1, created: 1, skipped: 0 })).toBe(
      'Se inscribió a 1 persona (1 cuenta nueva; 0 ya estaban inscritas).',
    );
  });
});

describe('exportFileName', () => {
  test('drops accents without breaking the word', () => {
    expect(exportFileName('calificaciones Generación 2026-2 · Centro-Bajío', 'csv')).toBe(
      'calificaciones-generacion-2026-2-centro-bajio.csv',
    );
    expect(exportFileName('Año Ñandú, Ürsula y Óscar', 'xlsx')).toBe('ano-nandu-ursula-y-oscar.xlsx');
  });
  test('never gives an empty name', () => {
    expect(exportFileName('—', 'csv')).toBe('export.csv');
  });
});
