import type { APIRoute } from 'astro';
import { hasAnyRole } from '../../lib/server/auth/authorize.ts';
import { auditCsvRows, parseAuditQuery } from '../../lib/server/audit/report.ts';
import { getCatalog } from '../../lib/server/course/catalog.ts';
import { getDb } from '../../lib/server/db.ts';
import { csvResponse } from '../../lib/server/reports/csv-writer.ts';
import { todayInMexico } from '../../lib/format.ts';

/**
 * The audit log as filtered on /admin/auditoria, as CSV through the one writer (formulas
 * neutralised). Admins only: the middleware guards /admin, and the route checks again because a
 * file download is easy to link to from elsewhere.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  if (!hasAnyRole(locals.user, ['admin'])) return new Response(null, { status: 403 });
  const { filter } = parseAuditQuery(url.searchParams);
  const moduleTitles = new Map((await getCatalog()).modules.map((m) => [m.slug, m.title]));
  return csvResponse(`bitacora-${todayInMexico()}`, auditCsvRows(getDb(), filter, moduleTitles));
};
