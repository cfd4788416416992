import type { APIRoute } from 'astro';
import { STATUS_LIST_ID, getStatusListCredential } from '../../../lib/server/certificates/status-list.ts';
import { getDb } from '../../../lib/server/db.ts';

/**
 * The signed revocation status list, the exact bytes stored: a verifier fetches it to learn
 * whether a credential was revoked. Public (auth/authorize.ts); short cache, as revocations change it.
 */
export const GET: APIRoute = async ({ params, url }) => {
  if (params.id !== String(STATUS_LIST_ID)) return new Response(null, { status: 404 });
  const bytes = await getStatusListCredential(getDb(), process.env.PUBLIC_URL ?? url.origin);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vc+ld+json',
      'Cache-Control': 'public, max-age=60',
      'Access-Control-Allow-Origin': '*',
    },
  });
};
