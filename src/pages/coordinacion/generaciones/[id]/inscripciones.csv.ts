import type { APIRoute } from 'astro';
import { t } from '../../../../i18n/index.ts';
import { getCohort } from '../../../../lib/server/cohorts/cohorts.ts';
import { getDb } from '../../../../lib/server/db.ts';
import { rosterExportRows } from '../../../../lib/server/enrollment/roster-export.ts';
import { csvResponse } from '../../../../lib/server/reports/csv-writer.ts';

/** The cohort's roster as CSV. /coordinacion is for coordination and administration (authorize.ts). */
export const GET: APIRoute = ({ params }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  return csvResponse(t('roster.export.fileName', { cohort: cohort.name }), rosterExportRows(db, id));
};
