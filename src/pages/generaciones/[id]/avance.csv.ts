import type { APIRoute } from 'astro';
import { t } from '../../../i18n/index.ts';
import { canViewCohort } from '../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../lib/server/cohorts/cohorts.ts';
import { filterLearners, getCachedCohortProgress, parseDashboardFilters } from '../../../lib/server/dashboards/cohort-dashboard.ts';
import { progressExportRows } from '../../../lib/server/dashboards/progress-export.ts';
import { getDb } from '../../../lib/server/db.ts';
import { getHoursPlan } from '../../../lib/server/hours/server-plan.ts';
import { csvResponse } from '../../../lib/server/reports/csv-writer.ts';

/** The cohort's progress summary as CSV: the dashboard's learners (and filters), through the one writer. */
export const GET: APIRoute = async ({ params, locals, url }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  const plan = await getHoursPlan();
  const learners = filterLearners(getCachedCohortProgress(db, cohort, plan), parseDashboardFilters(url.searchParams));
  return csvResponse(t('dashboard.export.fileName', { cohort: cohort.name }), progressExportRows(plan, learners));
};
