import type { APIRoute } from 'astro';
import { t } from '../../../../i18n/index.ts';
import { canViewCohort } from '../../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../../lib/server/cohorts/cohorts.ts';
import { getDb } from '../../../../lib/server/db.ts';
import { csvResponse } from '../../../../lib/server/reports/csv-writer.ts';
import { attendanceExportRows } from '../../../../lib/server/sessions/attendance-export.ts';
import { moduleTitles } from '../../../../lib/server/sessions/module-titles.ts';

/** The cohort's attendance as CSV: the cohort's instructors and coordination only. */
export const GET: APIRoute = async ({ params, locals }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  return csvResponse(t('sessions.export.fileName', { cohort: cohort.name }), attendanceExportRows(db, id, await moduleTitles()));
};
