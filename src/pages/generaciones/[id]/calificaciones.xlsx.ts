import type { APIRoute } from 'astro';
import { t } from '../../../i18n/index.ts';
import { canViewCohort } from '../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../lib/server/cohorts/cohorts.ts';
import { getAllQuizzes, getCatalog } from '../../../lib/server/course/catalog.ts';
import { getDb } from '../../../lib/server/db.ts';
import { getCohortGradebook } from '../../../lib/server/quizzes/gradebook.ts';
import { gradebookCsvRows } from '../../../lib/server/quizzes/gradebook-csv.ts';
import { buildGradebookView, gradebookModules, parseGradebookSort } from '../../../lib/server/quizzes/gradebook-view.ts';
import { xlsxResponse } from '../../../lib/server/reports/xlsx-writer.ts';

/** The gradebook as an Excel workbook: the CSV's rows, checks and order, through the XLSX writer. */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  const quizzes = await getAllQuizzes();
  const modules = gradebookModules(quizzes, (await getCatalog()).modules);
  const sort = parseGradebookSort(url.searchParams.get('orden'), url.searchParams.get('dir'), modules);
  const { rows } = buildGradebookView(db, getCohortGradebook(db, id, quizzes), modules, sort);
  return xlsxResponse(`calificaciones-${cohort.name}`, t('gradebook.export.sheet'), gradebookCsvRows(modules, rows));
};
