import type { APIRoute } from 'astro';
import { t } from '../../../../i18n/index.ts';
import { getCohort } from '../../../../lib/server/cohorts/cohorts.ts';
import { getDb } from '../../../../lib/server/db.ts';
import { rosterExportRows } from '../../../../lib/server/enrollment/roster-export.ts';
import { xlsxResponse } from '../../../../lib/server/reports/xlsx-writer.ts';

/** The cohort's roster as an Excel workbook, with the same rows and neutralisation as the CSV. */
export const GET: APIRoute = ({ params }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  return xlsxResponse(t('roster.export.fileName', { cohort: cohort.name }), t('roster.export.sheet'), rosterExportRows(db, id));
};
