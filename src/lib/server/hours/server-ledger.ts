import { t } from '../../../i18n/index.ts';
import { refusalToActOn } from '../accounts/may-act-on.ts';
import { getPerson, type PersonDetail } from '../accounts/people.ts';
import type { SessionUser } from '../auth/session.ts';
import { isLearnerTaughtBy, isStaff } from '../cohorts/teaching.ts';
import { getAllQuizzes, getCatalog } from '../course/catalog.ts';
import type { Db } from '../db.ts';
import { listLearnerCohorts } from '../enrollment/enroll.ts';
import { type FieldPracticeView, listFieldPractices } from './field-practice.ts';
import { mayReadLedger } from './ledger-access.ts';
import { whatIsMissing } from './missing.ts';
import type { HoursPlan } from './plan.ts';
import { getStanding } from './standing.ts';
import { csvResponse } from '../reports/csv-writer.ts';
import { xlsxResponse } from '../reports/xlsx-writer.ts';
import { cohortLedgerRows, getLedgerPage, type LedgerPage, type LessonTitles, personLedgerRows } from './ledger-view.ts';
import { getHoursPlan } from './server-plan.ts';
import { inspectionCountsByModule } from '../practice/inspection-catalog.ts';

/**
 * The ledger pages' and exports' shared loading, with the catalog's lesson titles (content is
 * fixed per build). The caller has already checked who may read (hours/ledger-access.ts).
 */

let titles: Promise<LessonTitles> | undefined;

function lessonTitles(): Promise<LessonTitles> {
  if (import.meta.env.DEV || !titles) {
    titles = getCatalog().then((c) => new Map(c.modules.flatMap((m) => m.lessons.map((l) => [l.id, l.title] as const))));
  }
  return titles;
}

export async function loadLedgerPage(db: Db, userId: number): Promise<LedgerPage> {
  const [plan, names] = await Promise.all([getHoursPlan(), lessonTitles()]);
  return getLedgerPage(db, userId, plan, names);
}

/** One person's ledger as a CSV or XLSX download. */
export async function personLedgerExport(db: Db, userId: number, personName: string, format: 'csv' | 'xlsx'): Promise<Response> {
  const rows = personLedgerRows(await loadLedgerPage(db, userId));
  const name = t('hours.export.fileName', { name: personName });
  return format === 'csv' ? csvResponse(name, rows) : xlsxResponse(name, t('hours.export.sheet'), rows);
}

/** A cohort's ledger as a CSV or XLSX download; `activeOnly` for instructors (decision 010). */
export async function cohortLedgerExport(
  db: Db,
  cohort: { id: number; name: string },
  format: 'csv' | 'xlsx',
  activeOnly: boolean,
): Promise<Response> {
  const [plan, names] = await Promise.all([getHoursPlan(), lessonTitles()]);
  const rows = cohortLedgerRows(db, cohort.id, plan, names, { activeOnly });
  const name = t('hours.export.cohortFileName', { cohort: cohort.name });
  return format === 'csv' ? csvResponse(name, rows) : xlsxResponse(name, t('hours.export.sheet'), rows);
}

export interface PersonHours {
  person: PersonDetail;
  page: LedgerPage;
  practices: FieldPracticeView[];
  plan: HoursPlan;
  missing: string[];
  practiceCohorts: { id: number; name: string; startsOn: string; endsOn: string }[];
  canCorrect: boolean;
}

/**
 * Everything the staff's page of one person's hours shows, or why not: `null` when the person
 * does not exist (or, through a cohort, is not enrolled in it), 'forbidden' when the viewer may not
 * read their ledger (hours/ledger-access.ts). Through a cohort (an instructor's page), practice
 * is offered in that cohort only; from coordination, in each cohort the person is active in.
 */
export async function loadPersonHours(
  db: Db,
  viewer: SessionUser,
  personId: number,
  cohortId?: number,
): Promise<PersonHours | null | 'forbidden'> {
  const person = getPerson(db, personId);
  if (!person) return null;
  const enrolled = listLearnerCohorts(db, personId);
  if (cohortId !== undefined && !enrolled.some((c) => c.cohortId === cohortId)) return null;
  if (!mayReadLedger(db, viewer.id, personId, cohortId)) return 'forbidden';
  const staff = isStaff(db, viewer.id);
  const mayActOn = staff && refusalToActOn(viewer, person) === null;
  const practiceCohorts = enrolled
    .filter((c) => c.status === 'active' && (cohortId === undefined || c.cohortId === cohortId))
    .filter((c) => mayActOn || (!staff && isLearnerTaughtBy(db, personId, viewer.id, { cohortId: c.cohortId })))
    .map((c) => ({ id: c.cohortId, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn }));
  const [plan, catalog, quizzes] = await Promise.all([getHoursPlan(), getCatalog(), getAllQuizzes()]);
  const standing = getStanding(db, personId, {
    plan,
    quizzes,
    certificate: catalog.program.certificate,
    prerequisites: new Map(catalog.modules.map((m) => [m.slug, m.prerequisites])),
  });
  return {
    person,
    page: await loadLedgerPage(db, personId),
    practices: listFieldPractices(db, personId),
    plan,
    missing: whatIsMissing(standing, inspectionCountsByModule()),
    practiceCohorts,
    canCorrect: mayActOn,
  };
}

/**
 * A person's ledger download for staff, with the page's checks: 404 when the person (or their
 * enrollment in the cohort named) does not exist, 403 when the viewer may not read it.
 */
export async function staffLedgerExport(
  db: Db,
  viewer: SessionUser | null,
  personId: number,
  cohortId: number | undefined,
  format: 'csv' | 'xlsx',
): Promise<Response> {
  const person = Number.isInteger(personId) ? getPerson(db, personId) : null;
  if (!person || (cohortId !== undefined && !listLearnerCohorts(db, personId).some((c) => c.cohortId === cohortId))) {
    return new Response(null, { status: 404 });
  }
  if (!viewer || !mayReadLedger(db, viewer.id, personId, cohortId)) return new Response(null, { status: 403 });
  return personLedgerExport(db, personId, person.fullName, format);
}
