import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { checklistPdfResponse } from '../../../../lib/server/tools/checklist-files.ts';

/** A module 7 checklist as a printable PDF, blank or with saved marks (tools/checklist-files.ts). */
export const GET: APIRoute = ({ params, locals, url }) => {
  const match = /^([a-z0-9-]+)\.pdf$/.exec(params.archivo ?? '');
  if (!match || !locals.user) return new Response(null, { status: 404 });
  return checklistPdfResponse(getDb(), locals.user, match[1] as string, url.searchParams);
};
