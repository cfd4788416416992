import { describe, expect, test } from 'vitest';
import { esMX } from '../../../src/i18n/es-MX.ts';
import { hasMessage, t } from '../../../src/i18n/index.ts';
import { type CountedKey, countOf, formatDateTime, formatDecimal, formatNumber, formatTime, tCount } from '../../../src/lib/format.ts';
import { exportFileName } from '../../../src/lib/server/reports/csv-writer.ts';
import { importAccountsSummary, importDoneMessage, importRowsSummary } from '../../../src/lib/server/enrollment/import-summary.ts';

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

describe('tCount', () => {
  test('says the singular for one and the plural otherwise, with the other parameters filled in', () => {
    expect(tCount('quiz.earned', 1, { score: 0.5 })).toBe('Obtuvo 0.5 de 1 punto');
    expect(tCount('quiz.earned', 3, { score: 0.5 })).toBe('Obtuvo 0.5 de 3 puntos');
    expect(tCount('audit.count', 1250)).toBe('1,250 registros');
    expect(tCount('gradebook.totals.lessons', 1.5)).toBe('1.5 lecciones en promedio');
  });

  // Issue #12: "1 registros", "1 de 1 puntos", "1 h acreditables", "Faltan 1 min".
  test.each<[CountedKey, Record<string, string | number>, string]>([
    ['audit.count', {}, '1 registro'],
    ['outbox.count', {}, '1 correo'],
    ['invitations.resent', {}, 'Se envió 1 invitación nueva.'],
    ['roster.bulk.withdrawn', {}, 'Se dio de baja a 1 persona.'],
    ['roster.bulk.resent', {}, 'Se generó un enlace de acceso nuevo para 1 persona; el anterior deja de funcionar.'],
    ['grades.summary', { passed: 0 }, '0 de 1 evaluación aprobada'],
    ['grades.feedbackScore', { score: 1 }, '1 de 1 punto'],
    ['quiz.earned', { score: 0 }, 'Obtuvo 0 de 1 punto'],
    ['quiz.scorePercent', { score: 1, percent: 100 }, '1 de 1 punto (100\u00a0%)'],
    ['preview.result', { score: 0, percent: 0 }, '0 de 1 punto (0\u00a0%) en las preguntas de calificación automática.'],
    ['quiz.bankDraw', { drawn: 1 }, 'su única pregunta sale en cada intento'],
    ['quiz.essayHelp', {}, 'Mínimo sugerido: 1 palabra.'],
    ['program.hours', {}, '1 hora'],
    ['program.moduleCount', {}, '1 módulo'],
    ['program.progress', { done: 0 }, '0 de 1 lección completada'],
    ['lesson.hours', {}, '1 h acreditable'],
    ['lesson.remaining', {}, 'Falta 1 min de estudio para poder marcarla como completada.'],
    ['gradebook.lessonsOf', { done: 1 }, '1/1 lección'],
    ['gradebook.totals.passed', {}, '1 aprobó'],
    ['gradebook.totals.lessons', {}, '1 lección en promedio'],
    ['csv.row.columns', { expected: 5 }, 'La fila tiene 1 columna; se esperaban 5.'],
    ['audit.count.extraAttempts', {}, '1 intento adicional'],
    ['quiz.points', {}, '1 punto'],
    ['sessions.count.recorded', {}, '1 registro nuevo'],
    ['sessions.count.corrected', {}, '1 corrección'],
  ])('%s reads right for one', (key, params, one) => {
    expect(tCount(key, 1, params)).toBe(one);
    expect(tCount(key, 2, params)).not.toBe(one);
    expect(tCount(key, 2, params)).toContain('2');
  });

  test('items.lead speaks of one graded attempt in the singular', () => {
    expect(tCount('items.lead', 1)).toContain('sobre 1 intento calificado,');
    expect(tCount('items.lead', 7)).toContain('sobre 7 intentos calificados,');
  });

  test('every message that counts with {count} has a singular, and no singular holds {count}', () => {
    // A bare number, with no noun to agree with it, reads the same for one: "Todos (1)", "1 de 5".
    const noNoun = new Set([
      'invitations.resendAll',
      'outbox.filter.all',
      'outbox.filter.pending',
      'outbox.filter.sent',
      'outbox.filter.failed',
      'dashboard.filtered',
      'sessions.state.recorded',
      'certificates.issueAll',
      'certificates.progress.failed',
    ]);
    const messages: Record<string, string> = esMX;
    const keys = Object.keys(messages);
    const missing = keys.filter(
      (k) => !k.endsWith('.one') && messages[k]?.includes('{count}') && !noNoun.has(k) && !hasMessage(`${k}.one`),
    );
    expect(missing).toEqual([]);
    const countedOne = keys.filter((k) => k.endsWith('.one') && messages[k]?.includes('{count}'));
    expect(countedOne).toEqual([]);
  });
});

describe('formatNumber', () => {
  test('writes decimals and thousands as Mexico does', () => {
    expect(formatNumber(2000)).toBe('2,000');
    expect(formatNumber(0.25)).toBe('0.25');
  });
});

describe('formatDecimal', () => {
  test('rounds to the precision asked, each with its own formatter', () => {
    expect(formatDecimal(1234.567, 1)).toBe('1,234.6');
    expect(formatDecimal(1234.567, 2)).toBe('1,234.57');
    expect(formatDecimal(0.5, 0)).toBe('1');
    expect(formatDecimal(3, 2)).toBe('3');
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
  test('the preview agrees in number too', () => {
    expect(importRowsSummary({ total: 1, valid: 1, invalid: 0 })).toBe('1 fila: 1 lista, 0 con errores.');
    expect(importRowsSummary({ total: 4, valid: 2, invalid: 2 })).toBe('4 filas: 2 listas, 2 con errores.');
    expect(importAccountsSummary({ newPeople: 1, existing: 1, already: 1 })).toBe('1 cuenta nueva, 1 cuenta existente, 1 ya inscrita.');
    expect(importAccountsSummary({ newPeople: 0, existing: 2, already: 3 })).toBe(
      '0 cuentas nuevas, 2 cuentas existentes, 3 ya inscritas.',
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
