import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';
import { hasAnyRole, rolesForPath } from '../auth/authorize.ts';
import { SESSION_COOKIE, type SessionUser, validateSessionToken } from '../auth/session.ts';
import { keptView, VIEW_ROUTES, type ViewRoute, viewKey } from '../cache/view-cache.ts';
import { answerFromShellPage, isShellPath } from '../course/shell-pages.ts';
import { type Db, getDb } from '../db.ts';
import { prepareDatabase } from '../setup/prepare.ts';
import { acceptsGzip } from './headers.ts';
import type { DirectAnswer } from '../shell/shell-routes.ts';
import { decodedParams } from '../shell/shell-routes.ts';

/**
 * Pages that serve.mjs answers before Astro sees the request, where they are ready: a page from its
 * shell (shell/shell-routes.ts) and a kept view (cache/view-cache.ts). Astro's part of such a view
 * (a web Request, routing, the middleware chain, streaming the Response back) is most of its CPU
 * (docs/decisions/024). This checks what the middleware checks (a valid session not due for
 * renewal, the area's roles); anything else, or any doubt, returns null and Astro answers as usual.
 */

type NodeRequest = { method?: string; url?: string; headers: IncomingHttpHeaders };
type SignedIn = { db: Db; user: SessionUser };

/** What answers a path directly: a shell's page (never with a query string), a kept view, or nothing. */
function directRoute(path: string, hasQuery: boolean): { view?: ViewRoute } | null {
  if (!hasQuery && isShellPath(path)) return {};
  const view = VIEW_ROUTES.find((route) => route.path.test(path));
  return view ? { view } : null;
}

/** Whether a path (without its query string) is one this module may answer: cheap, so that serve.mjs asks only then. */
export function claims(path: string, hasQuery: boolean): boolean {
  return directRoute(path, hasQuery) !== null;
}

/** The answer to write as it is, or null for Astro. `locals` is the request log's: the route and the person. */
export async function directAnswer(req: NodeRequest, locals: Partial<Pick<App.Locals, 'route' | 'user'>>): Promise<DirectAnswer | null> {
  const url = req.url ?? '';
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  const target = req.method === 'GET' ? directRoute(path, end !== -1) : null;
  if (!target) return null;
  const signedIn = await signedInFor(req, path);
  if (!signedIn) return null;
  const answer = target.view
    ? answerFromView(req, target.view, path, signedIn)
    : await answerFromShellPage({ url, headers: req.headers }, signedIn);
  if (!answer) return null;
  locals.route = answer.route;
  locals.user = signedIn.user;
  return answer;
}

/** The person of a valid session not due for renewal (a renewal's new cookie is Astro's to send), if the area is theirs. */
async function signedInFor(req: NodeRequest, path: string): Promise<SignedIn | null> {
  const token = req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
  if (!token) return null;
  const db = getDb();
  await prepareDatabase(db);
  const { user, renewalDue } = validateSessionToken(db, token, new Date(), { renew: false });
  const areaRoles = rolesForPath(path);
  if (!user || renewalDue || (areaRoles && !hasAnyRole(user, areaRoles))) return null;
  return { db, user };
}

function answerFromView(
  req: NodeRequest,
  route: ViewRoute,
  path: string,
  { db, user }: SignedIn,
): (DirectAnswer & { route: string }) | null {
  // Kept views are gzipped: a client that does not take gzip gets its page from Astro.
  if (!acceptsGzip(req.headers['accept-encoding'])) return null;
  const params = decodedParams(route.path.exec(path));
  if (!params) return null;
  // The address as Astro's URL has it, so that both ways to a view find the same key.
  const parsed = new URL(req.url ?? '', 'http://aula.invalid');
  const key = viewKey(db, route, user, params, parsed.pathname + parsed.search, Date.now());
  const view = key ? keptView(key) : undefined;
  if (!view) return null;
  return {
    route: route.pattern,
    // As the middleware sent them (security headers and Cache-Control included), with the length.
    headers: { ...view.headers, 'content-length': String(view.body.length) },
    body: view.body,
  };
}

// scripts/lib/serve.mjs runs outside the Astro bundle and cannot import this module; it asks what
// is left here first. Nothing is registered until a request loads the middleware, and nothing is
// answered until the middleware has made a shell or kept a view.
(globalThis as Record<symbol, unknown>)[Symbol.for('aula.directAnswer')] = { claims, answer: directAnswer };
