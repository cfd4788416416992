import type { APIRoute } from 'astro';
import { canViewCohort, hasAnyRole } from '../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../lib/server/cohorts/cohorts.ts';
import { getDb } from '../../../lib/server/db.ts';
import { cohortLedgerExport } from '../../../lib/server/hours/server-ledger.ts';

/**
 * The cohort's hours ledger as CSV: every entry earned in it. Its instructors get the learners
 * actively enrolled only (decision 010); coordination gets everyone's, withdrawn included.
 */
export const GET: APIRoute = ({ params, locals }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  return cohortLedgerExport(db, cohort, 'csv', !hasAnyRole(locals.user, ['coordinator', 'admin']));
};
