import type { IncomingHttpHeaders } from 'node:http';
import type { APIContext, MiddlewareNext } from 'astro';
import { t } from '../../../i18n/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { fillStaticParts, takeStaticParts } from '../course/lesson-body.ts';
import { type Db, getDb } from '../db.ts';
import { acceptsGzip, SECURITY_HEADERS, SIGNED_IN_CACHE_CONTROL } from '../http/headers.ts';
import { compileShell, fillShell, gzipShell, type PageShell, ShellCache } from './page-shell.ts';
import type { PersonalSlot } from './personal.ts';

/**
 * Pages served from shells (page-shell.ts): rendered by Astro once for everyone who sees them the
 * same way, then filled with each person's values. A route says what "the same way" is for its
 * page (the shell's key) from the same data the page renders from; the shell then holds everything
 * but the person's values (their name and account id in the layout, and whatever else the route
 * lists). A page renders in full, as any other, for a query string, a form action (POST), and any
 * answer but the page itself (403, 404, a redirect): the route's plan is null for those.
 *
 * Once a shell is made, `answerFromShell` answers its page before Astro sees the request
 * (scripts/lib/serve.mjs): Astro's part of a view from a shell (a web Request, routing, the
 * middleware chain, streaming the Response back) was two thirds of its CPU (a lesson went from 1.07
 * to 0.36 ms per view; docs/decisions/024). It checks what the middleware checks (a valid session,
 * the area's roles) and the route's plan checks the rest, with the page's own functions.
 */

export type RouteParams = Record<string, string | undefined>;

/** The request as a route's plan may read it, whether Astro or serve.mjs received it. */
export interface RequestFacts {
  header(name: string): string | undefined;
}

/** How one person sees a page from its shell. */
export interface ShellPlan {
  /** Everyone with the same key sees the same page but for `values`. */
  key: string;
  /** The slots the page must have, in page order: a rendered shell with others is not kept. */
  slots: readonly PersonalSlot[];
  /** A value for every slot the page may have. */
  values: Partial<Record<PersonalSlot, string>>;
  /** What a view does besides rendering (a full render does it itself). */
  onAnswer?: () => void;
}

export interface ShellRoute {
  /** Astro's route pattern, as `context.routePattern` gives it. */
  pattern: string;
  /** The same addresses as they reach serve.mjs (no query string); named groups are the params. */
  path: RegExp;
  /**
   * The plan for this person, or null where the page answers anything but itself. `locals` is
   * there when Astro has the request: a route may leave its decision for the page to reuse.
   */
  plan(db: Db, user: SessionUser, params: RouteParams, request: RequestFacts, locals?: App.Locals): Promise<ShellPlan | null>;
}

/** The layout's values of the person (Layout.astro): on every page a shell serves. */
export function layoutValues(user: SessionUser): Pick<Record<PersonalSlot, string>, 'signedInAs' | 'userId'> {
  return { signedInAs: t('nav.signedInAs', { name: user.fullName }), userId: String(user.id) };
}

/** ~30–60 KB each; past 160 (a few ways of seeing each lesson and module), the least recently used leave. */
const shells = new ShellCache(160);

const shellKey = (route: ShellRoute, plan: ShellPlan) => `${route.pattern}\u0000${plan.key}`;

function filled(shell: PageShell, plan: ShellPlan, gzip: boolean) {
  const headers: Record<string, string> = { 'Content-Type': 'text/html', Vary: 'Accept-Encoding' };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return { headers, body: gzip ? gzipShell(shell, plan.values) : fillShell(shell, plan.values) };
}

/** For the middleware: the page from its shell (rendering the shell if it is not made yet), or null where it must render in full. */
export async function pageFromShell(context: APIContext, next: MiddlewareNext, routes: readonly ShellRoute[]): Promise<Response | null> {
  const { request, locals, url } = context;
  const user = locals.user;
  const route = routes.find((r) => r.pattern === context.routePattern);
  if (!route || !user || request.method !== 'GET' || url.search !== '') return null;
  const facts = { header: (name: string) => request.headers.get(name) ?? undefined };
  const plan = await route.plan(getDb(), user, context.params, facts, locals);
  if (!plan) return null;

  const key = shellKey(route, plan);
  let shell = shells.get(key);
  if (shell) {
    plan.onAnswer?.();
  } else {
    // The page does what a view does itself as it renders.
    const rendered = await renderShell(locals, next);
    if (rendered.status !== 200 || !sameSlots(rendered.shell, plan.slots)) {
      return new Response(fillShell(rendered.shell, plan.values), { status: rendered.status, headers: rendered.headers });
    }
    shell = rendered.shell;
    shells.set(key, shell);
  }
  const { headers, body } = filled(shell, plan, acceptsGzip(request.headers.get('Accept-Encoding')));
  return new Response(body, { status: 200, headers });
}

/** A page answered whole: the headers and body to write as they are. */
export interface DirectAnswer {
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * For serve.mjs, before Astro (http/direct-answer.ts, which has checked the session and the area's
 * roles): the page from its made shell, or null, and Astro answers as it does every other request
 * (a shell not made yet; anything the route's plan turns away).
 */
export async function answerFromShell(
  req: { url: string; headers: IncomingHttpHeaders },
  { db, user }: { db: Db; user: SessionUser },
  routes: readonly ShellRoute[],
): Promise<(DirectAnswer & { route: string }) | null> {
  const route = routes.find((r) => r.path.test(req.url));
  const params = route ? decodedParams(route.path.exec(req.url)) : null;
  if (!route || !params) return null;
  const facts = { header: (name: string) => headerValue(req.headers[name]) };
  const plan = await route.plan(db, user, params, facts);
  const shell = plan && shells.get(shellKey(route, plan));
  if (!plan || !shell) return null;

  plan.onAnswer?.();
  const { headers, body } = filled(shell, plan, acceptsGzip(req.headers['accept-encoding']));
  return {
    route: route.pattern,
    headers: { ...headers, ...SECURITY_HEADERS, 'Cache-Control': SIGNED_IN_CACHE_CONTROL, 'Content-Length': String(body.length) },
    body,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The route's params as Astro would give them, or null for a malformed escape. */
export function decodedParams(match: RegExpExecArray | null): RouteParams | null {
  if (!match) return null;
  try {
    return Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, value]) => [name, value && decodeURIComponent(value)]));
  } catch {
    return null;
  }
}

/** The page rendered by Astro with marks for the person's values, its prerendered parts in place. */
async function renderShell(locals: App.Locals, next: MiddlewareNext): Promise<{ status: number; headers: Headers; shell: PageShell }> {
  locals.renderingShell = true;
  try {
    const response = await next();
    const headers = new Headers(response.headers);
    // A lesson's prerendered body (course/lesson-body.ts), as the middleware's compress() fills it in for other pages.
    const statics = await takeStaticParts(headers);
    headers.delete('Content-Length');
    const text = await response.text();
    return { status: response.status, headers, shell: compileShell(statics ? fillStaticParts(text, statics) : text) };
  } finally {
    locals.renderingShell = false;
  }
}

function sameSlots(shell: PageShell, expected: readonly string[]): boolean {
  return shell.slots.length === expected.length && shell.slots.every((slot, i) => slot === expected[i]);
}
