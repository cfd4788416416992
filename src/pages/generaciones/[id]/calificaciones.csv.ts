import type { APIRoute } from 'astro';
import { canViewCohort } from '../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../lib/server/cohorts/cohorts.ts';
import { getAllQuizzes } from '../../../lib/server/course/catalog.ts';
import { getDb } from '../../../lib/server/db.ts';
import { getCohortGradebook } from '../../../lib/server/quizzes/gradebook.ts';
import { gradebookCsvRows } from '../../../lib/server/quizzes/gradebook-csv.ts';
import { csvResponse } from '../../../lib/server/reports/csv-writer.ts';

/** The gradebook as CSV, through the one CSV writer (formulas neutralised). Same checks as the page. */
export const GET: APIRoute = async ({ params, locals }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  const quizzes = await getAllQuizzes();
  return csvResponse(`calificaciones-${cohort.name}`, gradebookCsvRows(quizzes, getCohortGradebook(db, id, quizzes)));
};
