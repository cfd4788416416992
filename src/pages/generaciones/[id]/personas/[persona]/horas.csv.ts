import type { APIRoute } from 'astro';
import { getDb } from '../../../../../lib/server/db.ts';
import { staffLedgerExport } from '../../../../../lib/server/hours/server-ledger.ts';

/** One learner's ledger as CSV, with the page's checks (the cohort's instructors while enrolled, coordination). */
export const GET: APIRoute = ({ params, locals }) =>
  staffLedgerExport(getDb(), locals.user, Number(params.persona), Number(params.id), 'csv');
