import type { APIRoute } from 'astro';
import { describeIssuer } from '../../lib/server/certificates/credential-issuer.ts';
import { getDb } from '../../lib/server/db.ts';

/** Aula's issuer DID and public keys, current and retired: public (auth/authorize.ts). */
export const GET: APIRoute = async () =>
  Response.json(await describeIssuer(getDb()), {
    headers: { 'Cache-Control': 'public, max-age=300', 'Access-Control-Allow-Origin': '*' },
  });
