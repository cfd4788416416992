/** On every page and API answer (src/middleware.ts), and on a page answered from its shell (shell/shell-routes.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/** A signed-in person's page is theirs alone: no cache, shared or in the browser, keeps it. */
export const SIGNED_IN_CACHE_CONTROL = 'private, no-store';

/** Whether a request's Accept-Encoding takes gzip: the one test for every page answer (the middleware, shells, kept views). */
export function acceptsGzip(acceptEncoding: string | null | undefined): boolean {
  return /\bgzip\b/.test(acceptEncoding ?? '');
}
