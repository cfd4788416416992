import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db.ts';
import { staffLedgerExport } from '../../../../lib/server/hours/server-ledger.ts';

/** A person's ledger as CSV for coordination (the area is theirs: auth/authorize.ts). */
export const GET: APIRoute = ({ params, locals }) => staffLedgerExport(getDb(), locals.user, Number(params.id), undefined, 'csv');
