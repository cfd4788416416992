import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../../src/lib/server/audit/log.ts';
import { auditSentence, hasAuditSentence, sentenceText } from '../../../../../src/lib/server/audit/sentence.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every action name the code writes: the string literals of `action:` in files that append to the log. */
function actionsWrittenByTheCode(): Set<string> {
  const found = new Set<string>();
  for (const file of files('src/lib/server')) {
    const source = readFileSync(file, 'utf8');
    if (!/appendAuditEntr(y|ies)\(/.test(source) || file.endsWith('audit/log.ts')) continue;
    for (const [, expression] of source.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      for (const [, literal] of (expression as string).matchAll(/'([a-z]+\.[a-zA-Z]+)'/g)) found.add(literal as string);
    }
  }
  return found;
}

/** Details as the code writes them for each action (see the call sites of appendAuditEntry). */
const DETAILS: Record<string, Record<string, unknown> | null> = {
  'account.created': { roles: ['inspector', 'instructor'], email: 'hector@stps.gob.mx' },
  'account.updated': {
    fullName: { from: 'Hector Núñez', to: 'Héctor Núñez' },
    gender: { from: null, to: 'hombre' },
    curp: { from: null, to: 'NUGH800101HPLXXX09' },
  },
  'role.granted': { role: 'instructor' },
  'role.revoked': { role: 'inspector' },
  'cohort.created': { name: 'Generación 2026-2', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [7] },
  'cohort.updated': {
    before: { name: 'G', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [] },
    after: { name: 'Generación 2026-2', startsOn: '2026-09-14', endsOn: '2027-02-26', instructorIds: [7] },
  },
  'enrollment.imported': { rows: 4, enrolled: 3, created: 2, skipped: 1 },
  'quiz.override': { module: '04-subcontratacion-repse', extraAttempts: 1, extraMinutes: 10 },
  'quiz.essayGraded': { module: '04-subcontratacion-repse', attempt: 2, question: 'q-essay-1', score: 3 },
  'quiz.regraded': {
    module: '04-subcontratacion-repse',
    attempt: 1,
    version: 'abc123',
    questions: [{ question: 'q-repse-1', fromVersion: 'abc', before: 0, after: 1, pointsBefore: 1, pointsAfter: 1 }],
    scoreBefore: 6,
    scoreAfter: 7,
    maxScoreBefore: 10,
    maxScoreAfter: 10,
    modulePassedBefore: false,
    modulePassedAfter: true,
  },
  'mail.retried': { messageId: 3, to: 'hector@stps.gob.mx', subject: 'Su acceso a Aula', error: null },
};

/** Words that only a developer writes: the stored JSON keys and raw values. */
const DEVELOPER_TEXT =
  /\b(roles?|rows|enrolled|created|skipped|module|attempt|question|score|extraAttempts|extraMinutes|fullName|startsOn|endsOn|instructorIds|before|after|email|undefined|null|NaN|inspector|instructor|coordinator|admin|hombre)\b\s*[:=]|[{}[\]"]|undefined|\[object|\baudit\.|\d{4}-\d{2}-\d{2}|\bq-essay/;

function sentenceFor(action: string, details = DETAILS[action] ?? null): string {
  return sentenceText(
    auditSentence(
      {
        action,
        actorName: 'Patricia Ibarra Solís',
        subjectName: 'Héctor Núñez Gutiérrez',
        subjectUserId: 5,
        cohortId: 2,
        cohortName: 'Generación 2026-2 · Centro-Bajío',
        details,
      },
      { names: new Map([[7, 'Rosa Élida Cárdenas']]), moduleTitles: new Map([['04-subcontratacion-repse', 'Subcontratación y REPSE']]) },
    ),
  );
}

describe('auditSentence', () => {
  test('every action the code writes is a known action with a sentence of its own', () => {
    const written = actionsWrittenByTheCode();
    expect(written.size).toBeGreaterThanOrEqual(13);
    for (const action of written) expect(AUDIT_ACTIONS).toContain(action);
    expect(AUDIT_ACTIONS.filter((a) => !hasAuditSentence(a))).toEqual([]);
  });

  test.each(AUDIT_ACTIONS.map((a) => [a]))('%s reads as a Spanish sentence with no developer text', (action) => {
    const sentence = sentenceFor(action);
    expect(sentence).toMatch(/^\p{Lu}/u);
    expect(sentence).toMatch(/[.:]$|\S$/);
    expect(sentence).not.toMatch(DEVELOPER_TEXT);
  });

  test('names people and cohorts, and puts counts in singular or plural', () => {
    expect(sentenceFor('enrollment.imported')).toBe(
      'Patricia Ibarra Solís cargó un CSV de 4 filas en «Generación 2026-2 · Centro-Bajío»: 3 personas inscritas (2 cuentas nuevas), 1 ya estaba inscrita.',
    );
    expect(sentenceFor('enrollment.imported', { rows: 1, enrolled: 1, created: 0, skipped: 0 })).toBe(
      'Patricia Ibarra Solís cargó un CSV de 1 fila en «Generación 2026-2 · Centro-Bajío»: 1 persona inscrita (ninguna cuenta nueva).',
    );
    expect(sentenceFor('quiz.override')).toBe(
      'Patricia Ibarra Solís concedió a Héctor Núñez Gutiérrez 1 intento adicional y 10 minutos adicionales en la evaluación del módulo 4 «Subcontratación y REPSE».',
    );
    expect(sentenceFor('quiz.essayGraded', { module: '04-subcontratacion-repse', attempt: 1, question: 'q', score: 1 })).toContain(
      '): 1 punto.',
    );
    expect(sentenceFor('quiz.regraded')).toBe(
      'Patricia Ibarra Solís recalificó el intento 1 de Héctor Núñez Gutiérrez en la evaluación del módulo 4 «Subcontratación y REPSE» tras corregir la clave: de 6 puntos a 7 puntos.',
    );
    expect(sentenceFor('account.created')).toBe(
      'Patricia Ibarra Solís dio de alta la cuenta de Héctor Núñez Gutiérrez (hector@stps.gob.mx) con los roles inspector/a e instructor/a.',
    );
    expect(sentenceFor('cohort.created')).toContain(
      'del 7 de septiembre de 2026 al 26 de febrero de 2027, impartida por Rosa Élida Cárdenas.',
    );
    expect(sentenceFor('cohort.updated')).toContain('equipo docente de nadie a Rosa Élida Cárdenas');
    expect(sentenceFor('account.updated')).toContain('nombre completo de «Hector Núñez» a «Héctor Núñez»; género de (sin dato) a «Hombre»');
  });

  test('links the person and the cohort it names', () => {
    const parts = auditSentence({
      action: 'enrollment.withdrawn',
      actorName: null,
      subjectName: 'Héctor Núñez',
      subjectUserId: 5,
      cohortId: 2,
      cohortName: 'G',
      details: null,
    });
    expect(parts).toEqual([
      'El sistema dio de baja a ',
      { text: 'Héctor Núñez', href: '/coordinacion/personas/5' },
      ' de ',
      { text: '«G»', href: '/coordinacion/generaciones/2' },
      '.',
    ]);
  });
});
