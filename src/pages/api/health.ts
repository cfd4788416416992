import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db.ts';
import { checkHealth } from '../../lib/server/health/check-health.ts';

/** For monitors: 200 when the database answers and every migration has run, 503 otherwise. */
export const GET: APIRoute = () => {
  let report: ReturnType<typeof checkHealth>;
  try {
    report = checkHealth(getDb());
  } catch {
    // The database could not even be opened, or the journal is missing from the checkout.
    return Response.json({ status: 'error' }, { status: 503, headers: { 'Cache-Control': 'no-store' } });
  }
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
