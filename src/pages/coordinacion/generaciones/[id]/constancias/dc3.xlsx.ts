import type { APIRoute } from 'astro';
import { dc3Export } from '../../../../../lib/server/certificates/dc3-export.ts';
import { getCohort } from '../../../../../lib/server/cohorts/cohorts.ts';
import { getDb } from '../../../../../lib/server/db.ts';

/** The cohort's certified people as DC-3 records. /coordinacion is for coordination and administration (authorize.ts). */
export const GET: APIRoute = ({ params }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  return dc3Export(db, cohort, 'xlsx');
};
