import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { gzipSync } from 'node:zlib';
import { inSpanish } from './actions/errors.ts';
import { hasAnyRole, isPublicPath, rolesForPath } from './lib/server/auth/authorize.ts';
import { deleteSessionCookie, setSessionCookie } from './lib/server/auth/cookie.ts';
import { isCrossSiteSubmission, siteOrigins } from './lib/server/auth/same-origin.ts';
import { SESSION_COOKIE, validateSessionToken } from './lib/server/auth/session.ts';
import { throughViewCache } from './lib/server/cache/view-cache.ts';
import { fillStaticParts, gzipWithStaticParts, takeStaticParts } from './lib/server/course/lesson-body.ts';
import { fromShell } from './lib/server/course/shell-pages.ts';
import { getDb } from './lib/server/db.ts';
import { acceptsGzip, SECURITY_HEADERS, SIGNED_IN_CACHE_CONTROL } from './lib/server/http/headers.ts';
// Leaves serve.mjs the pages it may answer before Astro.
import './lib/server/http/direct-answer.ts';
import { prepareDatabase } from './lib/server/setup/prepare.ts';
import { t } from './i18n/index.ts';
// Zod answers in Spanish for the whole app, from the first request on.
import './lib/validation/spanish-errors.ts';

const ERROR_ROUTES = new Set(['/404', '/500']);

/** Smaller bodies than this are not worth the CPU of compressing. */
const COMPRESS_MIN_BYTES = 1024;
/** Level 1 keeps most of the saving (HTML shrinks ~5x) at a fraction of level 5's CPU (npm run bench). */
const GZIP_LEVEL = 1;
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml))/;

export const onRequest = defineMiddleware(async (context, next) => {
  // Pages rendered at build time (lesson bodies) have no visitor to authorize.
  if (context.isPrerendered) return next();
  // For the request log; an error page rendered for the same request keeps the route first asked for.
  context.locals.route ??= context.routePattern;
  // Astro's checkOrigin rule, answered in Spanish (astro.config.mjs turns Astro's own off).
  if (isCrossSiteSubmission(context.request, siteOrigins(context.url))) {
    return new Response(t('http.crossSite'), { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  // Once per process: data fixes that follow this version (setup/prepare.ts).
  await prepareDatabase(getDb());
  const { pathname } = context.url;
  context.locals.user = null;
  context.locals.session = null;

  const token = context.cookies.get(SESSION_COOKIE)?.value;
  if (token) {
    const result = validateSessionToken(getDb(), token);
    if (result.session) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.renewed) setSessionCookie(context.cookies, token, result.session.expiresAt);
    } else {
      deleteSessionCookie(context.cookies);
    }
  }

  const user = context.locals.user;
  // An address no route matches (Astro renders 404.astro for it) says so to everyone, signed in or not.
  const unmatched = context.routePattern === '/404' && pathname !== '/404';
  // Scripts (lesson beats, the offline queue, quiz autosave) get an answer they can read, not a sign-in page.
  const api = pathname.startsWith('/api/');
  if (!user && !isPublicPath(pathname) && !unmatched) {
    if (api) return apiError(t('http.signedOut'), 401);
    const nextPath = context.request.method === 'GET' ? pathname + context.url.search : pathname;
    return context.redirect(`/ingresar?siguiente=${encodeURIComponent(nextPath)}`, 303);
  }
  const roles = rolesForPath(pathname);
  if (user && roles && !hasAnyRole(user, roles)) {
    return api ? apiError(t('error.forbidden'), 403) : context.rewrite('/403');
  }

  // Form actions run here rather than in Astro's own step, so that its English errors (the body
  // size limit, an exception in a handler) reach the page in Spanish. Never while Astro renders an
  // error page for the same request: it runs the middleware again, and the action ran already
  // (or, for an unknown path, Astro would not run it at all).
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom === 'form' && !ERROR_ROUTES.has(context.routePattern)) {
    setActionResult(action.name, serializeActionResult(inSpanish(await action.handler())));
  }

  // A person's view of a page kept while nothing it reads has changed (cache/view-cache.ts); the
  // pages a learner opens most are filled into their shells where they can be (course/shell-pages.ts).
  return throughViewCache(context, async () => {
    const response = (await fromShell(context, next)) ?? (await next());
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
    if (user) response.headers.set('Cache-Control', SIGNED_IN_CACHE_CONTROL);
    return compress(context.request, response);
  });
});

function apiError(message: string, status: number): Response {
  return Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store', ...SECURITY_HEADERS } });
}

/**
 * @astrojs/node sends SSR HTML uncompressed (withastro/astro#9397); inspectors on a phone should
 * not pay for that (STACK.md §10). Pages are small, so buffering them costs little.
 */
async function compress(request: Request, response: Response): Promise<Response> {
  // A lesson page leaves markers where its prerendered body goes (course/lesson-body.ts).
  const statics = await takeStaticParts(response.headers);
  const type = response.headers.get('Content-Type') ?? '';
  const gzipWanted = acceptsGzip(request.headers.get('Accept-Encoding'));
  if (!response.body || response.headers.has('Content-Encoding') || !COMPRESSIBLE.test(type)) return response;
  // Whether or not this answer is compressed, another Accept-Encoding may get another body.
  if (!gzipWanted && !statics) {
    varyByEncoding(response.headers);
    return response;
  }
  const headers = new Headers(response.headers);
  headers.delete('Content-Length');
  varyByEncoding(headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  if (statics) {
    const page = await response.text();
    if (!gzipWanted) return new Response(fillStaticParts(page, statics), init);
    headers.set('Content-Encoding', 'gzip');
    return new Response(gzipWithStaticParts(page, statics, GZIP_LEVEL), init);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.byteLength < COMPRESS_MIN_BYTES) return new Response(body, init);
  headers.set('Content-Encoding', 'gzip');
  return new Response(gzipSync(body, { level: GZIP_LEVEL }), init);
}

/** Another Accept-Encoding may get another body; said once (a page from its shell says it already). */
function varyByEncoding(headers: Headers): void {
  if (!/\baccept-encoding\b/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
}
