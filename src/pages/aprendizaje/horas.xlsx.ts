import type { APIRoute } from 'astro';
import { getDb } from '../../lib/server/db.ts';
import { personLedgerExport } from '../../lib/server/hours/server-ledger.ts';

/** The signed-in learner's own ledger as XLSX (the area is for inspectors: auth/authorize.ts). */
export const GET: APIRoute = ({ locals }) => {
  const user = locals.user;
  if (!user) return new Response(null, { status: 403 });
  return personLedgerExport(getDb(), user.id, user.fullName, 'xlsx');
};
