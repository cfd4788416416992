import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import {
  getChecklistMarks,
  getChecklistMarksFor,
  listVisibleChecklistMarks,
  marksFromForm,
  saveChecklistMarks,
} from '../../src/lib/server/tools/checklist-marks.ts';
import { checklistPdfResponse } from '../../src/lib/server/tools/checklist-files.ts';
import { getChecklist } from '../../src/lib/tools/checklists.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

const checklist = getChecklist('subcontratacion')!;
const lessonId = checklist.lesson;
const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

let db: Db;
let learner: number;
let classmate: number;
let instructor: number;
let otherInstructor: number;
let coordinator: number;

beforeEach(() => {
  db = createTestDb();
  learner = insertPerson(db).id;
  classmate = insertPerson(db).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  const cohortId = insertCohort(db, {
    name: 'G1',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor],
    actorId: null,
  }).id;
  insertCohort(db, { name: 'G2', startsOn: '2027-03-01', endsOn: '2027-08-27', instructorIds: [otherInstructor], actorId: null });
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
});

function save(userId: number, entries: Record<string, string>) {
  return saveChecklistMarks(db, { userId, lessonId, checklistId: checklist.id, checklist, marks: marksFromForm(checklist, form(entries)) });
}

describe('checklist marks', () => {
  test('are saved per learner and lesson, and a second save replaces the first', () => {
    save(learner, { 'marca-S-1': 'no_cumple', 'nota-S-1': '1,020 personas de la contratista', 'marca-S-14': 'cumple' });
    save(classmate, { 'marca-S-1': 'cumple' });
    expect(getChecklistMarks(db, { userId: learner, lessonId, checklistId: checklist.id })?.marks).toEqual({
      'S-1': { mark: 'no_cumple', note: '1,020 personas de la contratista' },
      'S-14': { mark: 'cumple', note: '' },
    });
    save(learner, { 'marca-S-2': 'no_aplica' });
    expect(getChecklistMarks(db, { userId: learner, lessonId, checklistId: checklist.id })?.marks).toEqual({
      'S-2': { mark: 'no_aplica', note: '' },
    });
    expect(getChecklistMarks(db, { userId: classmate, lessonId, checklistId: checklist.id })?.marks['S-1']?.mark).toBe('cumple');
    expect(
      getChecklistMarks(db, { userId: learner, lessonId: '07-herramientas-autopartes/05-recorrido-de-planta', checklistId: checklist.id }),
    ).toBeNull();
  });

  test('refuse a mark the form cannot send, a long note, and a checklist in another lesson', () => {
    expect(codeOf(() => marksFromForm(checklist, form({ 'marca-S-1': 'aprobado' })))).toBe('checklist.badMark');
    expect(codeOf(() => marksFromForm(checklist, form({ 'nota-S-1': 'x'.repeat(501) })))).toBe('checklist.noteTooLong');
    expect(
      codeOf(() =>
        saveChecklistMarks(db, {
          userId: learner,
          lessonId: '07-herramientas-autopartes/05-recorrido-de-planta',
          checklistId: checklist.id,
          checklist,
          marks: {},
        }),
      ),
    ).toBe('checklist.notInLesson');
  });

  test('a learner sees only their own; an instructor their cohorts’ learners; coordination all', () => {
    save(learner, { 'marca-S-1': 'no_cumple' });
    const ref = { userId: learner, lessonId, checklistId: checklist.id };
    expect(getChecklistMarksFor(db, learner, ref)?.marks['S-1']?.mark).toBe('no_cumple');
    expect(getChecklistMarksFor(db, instructor, ref)?.marks['S-1']?.mark).toBe('no_cumple');
    expect(getChecklistMarksFor(db, coordinator, ref)).not.toBeNull();
    expect(codeOf(() => getChecklistMarksFor(db, classmate, ref))).toBe('error.forbidden');
    expect(codeOf(() => getChecklistMarksFor(db, otherInstructor, ref))).toBe('error.forbidden');
  });
});

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const dir = mkdtempSync(join(tmpdir(), 'aula-checklist-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const path = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, new Uint8Array(await response.arrayBuffer()));
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe.skipIf(!hasPdftotext)('the checklist PDF', () => {
  const viewer = (id: number) => ({ id, fullName: 'Persona de prueba', email: 'p@stps.example.mx', roles: ['inspector' as const] });

  test('blank: every item, its legal basis and empty boxes to mark on the visit', async () => {
    const text = await pdfText(await checklistPdfResponse(db, viewer(learner), 'subcontratacion', new URLSearchParams()));
    expect(text).toContain('Lista de verificación: subcontratación');
    for (const i of checklist.items) expect(text).toContain(`${i.id}. ${i.text}`);
    expect(text).toContain('LFT, art. 1004-C');
    expect(text).toContain('☐ Cumple ☐ No cumple ☐ No aplica');
  });

  test('with the learner’s marks and notes, only for them and those who teach them', async () => {
    save(learner, { 'marca-S-1': 'no_cumple', 'nota-S-1': 'Conteo propio: 1,020 personas de Xinantécatl' });
    const query = new URLSearchParams({ leccion: lessonId });
    const text = await pdfText(await checklistPdfResponse(db, viewer(learner), 'subcontratacion', query));
    expect(text).toContain('Marcas de Persona de prueba');
    expect(text).toContain('☐ Cumple ☒ No cumple ☐ No aplica');
    expect(text).toContain('Conteo propio: 1,020 personas de Xinantécatl');
    const other = new URLSearchParams({ leccion: lessonId, persona: String(learner) });
    expect((await checklistPdfResponse(db, viewer(classmate), 'subcontratacion', other)).status).toBe(403);
    expect((await checklistPdfResponse(db, viewer(otherInstructor), 'subcontratacion', other)).status).toBe(403);
    expect(await pdfText(await checklistPdfResponse(db, viewer(instructor), 'subcontratacion', other))).toContain('Conteo propio');
    expect((await checklistPdfResponse(db, viewer(classmate), 'subcontratacion', query)).status).toBe(404);
    expect((await checklistPdfResponse(db, viewer(learner), 'no-existe', new URLSearchParams())).status).toBe(404);
  });
});

describe('listing saved checklists', () => {
  test('a learner lists only their own; an instructor their learners’; coordination all', () => {
    save(learner, { 'marca-S-1': 'no_cumple', 'marca-S-2': 'cumple' });
    save(classmate, { 'marca-S-1': 'cumple' });
    expect(listVisibleChecklistMarks(db, learner).map((r) => [r.userId, r.marked])).toEqual([[learner, 2]]);
    expect(
      listVisibleChecklistMarks(db, instructor)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([learner, classmate].sort());
    expect(listVisibleChecklistMarks(db, otherInstructor)).toEqual([]);
    expect(listVisibleChecklistMarks(db, coordinator)).toHaveLength(2);
  });
});
