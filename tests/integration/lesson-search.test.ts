import { beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db.ts';
import { ensureLessonIndex, searchLessons, toFtsQuery } from '../../src/lib/server/search/lessons.ts';
import { createTestDb } from '../db.ts';

const LESSONS = [
  {
    id: '04-subcontratacion/01-repse',
    title: 'Subcontratación y REPSE',
    text: 'La subcontratación de personal está prohibida; el patrón responde de forma solidaria.',
  },
  {
    id: '01-fundamentos/02-oit',
    title: 'Convenios de la OIT',
    text: 'El Convenio 81 de la OIT regula la inspección del trabajo en la industria.',
  },
];
const VISIBLE = new Set(LESSONS.map((l) => l.id));

// One database for the file: ensureLessonIndex remembers, per process, that the content is indexed.
let db: Db;
beforeAll(() => {
  db = createTestDb();
  ensureLessonIndex(db, LESSONS);
});

describe('searchLessons', () => {
  test('finds lessons accent- and case-insensitively, with prefixes', () => {
    expect(searchLessons(db, 'SUBCONTRATACION', VISIBLE).map((h) => h.lessonId)).toEqual(['04-subcontratacion/01-repse']);
    expect(searchLessons(db, 'inspec*', VISIBLE).map((h) => h.lessonId)).toEqual(['01-fundamentos/02-oit']);
  });

  test('keeps finding the words around control and format characters', () => {
    expect(searchLessons(db, 'inspección\0', VISIBLE).map((h) => h.lessonId)).toEqual(['01-fundamentos/02-oit']);
    expect(searchLessons(db, 'ins\u200Bpección', VISIBLE).map((h) => h.lessonId)).toEqual(['01-fundamentos/02-oit']);
  });

  // Everything a person can type, and what an attacker can put in the query string.
  const HOSTILE = [
    '\0',
    'a\0b',
    '"\0"',
    '\0*',
    'patrón\u0000 AND',
    '"',
    '""',
    '"unterminated',
    '*',
    '**',
    'a*b*',
    '-',
    '+',
    '^inspección',
    'NEAR(a b)',
    'title:repse',
    '{title body}: repse',
    'a OR',
    'NOT',
    'AND OR NOT',
    '(',
    ')',
    '\\',
    "'",
    ';drop table lesson_search;--',
    '\u202Eesrever',
    '\uD800',
    '\uDFFF\uD800',
    '\uFEFF',
    '\t\n\r\v\f',
    '🙂',
    'ñ'.repeat(300),
    Array.from({ length: 64 }, (_, i) => String.fromCharCode(i)).join(''),
    Array.from({ length: 64 }, (_, i) => String.fromCharCode(i + 64)).join(''),
  ];
  test.each(HOSTILE.map((q) => [JSON.stringify(q), q]))('never throws on %s', (_label, query) => {
    expect(() => searchLessons(db, query, VISIBLE)).not.toThrow();
  });

  test('every printable ASCII character alone or between words is a query FTS5 accepts', () => {
    for (let code = 0; code < 128; code++) {
      const c = String.fromCharCode(code);
      for (const query of [c, `${c}inspección`, `inspección${c}`, `a${c}${c}b`, `${c}*`]) {
        expect(() => searchLessons(db, query, VISIBLE), JSON.stringify(query)).not.toThrow();
      }
    }
  });
});

describe('toFtsQuery', () => {
  test('quotes every word and keeps a trailing * as a prefix search', () => {
    expect(toFtsQuery('patrón solidaria*')).toBe('"patrón" "solidaria"*');
  });

  test('drops what is not a word', () => {
    expect(toFtsQuery('\0 \u200B " * ')).toBeNull();
  });
});
