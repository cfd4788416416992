import type { APIRoute } from 'astro';
import { getStatusListCredential } from '../../../lib/server/certificates/status-list.ts';
import { getDb } from '../../../lib/server/db.ts';

/**
 * A signed revocation status list (one per signing key), the exact bytes stored: a verifier
 * fetches it to learn whether a credential was revoked. Public (auth/authorize.ts); short cache, as
 * revocations change it.
 */
export const GET: APIRoute = async ({ params, url }) => {
  const n = /^[1-9]\d{0,5}$/.test(params.id ?? '') ? Number(params.id) : null;
  const bytes = n === null ? null : await getStatusListCredential(getDb(), n, process.env.PUBLIC_URL ?? url.origin);
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vc+ld+json',
      'Cache-Control': 'public, max-age=60',
      'Access-Control-Allow-Origin': '*',
    },
  });
};
