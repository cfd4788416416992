import type { APIRoute } from 'astro';
import { certificateFileResponse } from '../../lib/server/certificates/files.ts';
import { getDb } from '../../lib/server/db.ts';

/**
 * `/constancias/DIF-2026-00042.pdf` and `.json`: the exact stored bytes, for the holder and
 * coordination; a 404 for anyone else (certificates/files.ts).
 */
export const GET: APIRoute = ({ params, locals }) => {
  const match = /^([A-Z]{2,8}-\d{4}-\d{5})\.(pdf|json)$/.exec(params.archivo ?? '');
  if (!match) return new Response(null, { status: 404 });
  return certificateFileResponse(getDb(), locals.user ?? null, match[1] as string, match[2] as 'pdf' | 'json');
};
