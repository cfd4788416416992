/** Content types a plain HTML form can send to another site without a CORS preflight. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Astro's `security.checkOrigin` rule, applied by our middleware instead of Astro's so that the
 * refusal is in Spanish: a request that can change something (not GET, HEAD or OPTIONS) must come
 * from one of our pages when a form on another site could have sent it, that is, when it has a
 * form's content type or none at all. Other content types (JSON) need a CORS preflight, which Aula
 * never grants; endpoints that take them check the origin themselves (api/progreso.ts).
 */
export function isCrossSiteSubmission(request: Request, origin: string | string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const sent = request.headers.get('origin');
  if (sent !== null && (Array.isArray(origin) ? origin.includes(sent) : sent === origin)) return false;
  const type = request.headers.get('content-type')?.toLowerCase();
  return type === undefined || FORM_TYPES.some((form) => type.includes(form));
}

/**
 * The origins our pages are served from. Behind a proxy Astro sees http://localhost:PORT (it trusts
 * no Host or X-Forwarded-* header), while browsers send PUBLIC_URL's origin (docs/operations.md).
 */
export function siteOrigins(url: URL): string[] {
  const publicUrl = process.env.PUBLIC_URL;
  return publicUrl ? [url.origin, new URL(publicUrl).origin] : [url.origin];
}
