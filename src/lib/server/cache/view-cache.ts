import type { APIContext } from 'astro';
import { LRUCache } from 'lru-cache';
import { hasAnyRole } from '../auth/authorize.ts';
import type { SessionUser } from '../auth/session.ts';
import { type Db, getDb } from '../db.ts';
import { PREVIEW_ROLES } from '../practice/learner-enrollment.ts';
import { acceptsGzip } from '../http/headers.ts';
import { type Reads, readStamp } from './change-versions.ts';

/**
 * A signed-in person's page, kept as it was sent (gzipped) and sent again while nothing it was
 * drawn from has changed: the same person, the same address (query string included), the same
 * minute and the same change counters (change-versions.ts) of the rows it reads. A write to any
 * of those rows, by any path, bumps a counter and the next view is drawn anew; so does the next
 * minute, for what a page says about the time (a live session now, a cohort that has started).
 *
 * Authorization needs nothing of its own here: a view is only ever kept for the person it was
 * drawn for, after the page itself allowed it, and anything that could change the answer (their
 * roles, an instructor's assignment, an enrollment) is a write that bumps their counter.
 *
 * For the pages whose data a learner's own study does not change every minute, but that count,
 * sort or sum a whole cohort per view (docs/decisions/024, sixth pass). Under a read-only load
 * every repeat view is a hit; while a cohort's learners study, its pages are drawn anew about as
 * often as they change, at the cost of one extra statement per view.
 */

export interface ViewRoute {
  /** Astro's route pattern, as `context.routePattern` gives it. */
  pattern: string;
  /** The same addresses as serve.mjs receives them, without the query string; named groups are the params. */
  path: RegExp;
  /** The rows the page reads for this person, or null where it is not kept (a malformed id: Astro answers 404). */
  reads(params: Record<string, string | undefined>, user: SessionUser): Reads | null;
}

const OWN: Reads = { kind: 'own' };
const EVERYTHING: Reads = { kind: 'everything' };
const PEOPLE: Reads = { kind: 'people' };
const ownRows = () => OWN;
/**
 * A learner's practice pages read their own attempts and fixed data sets; staff see other people's
 * attempts there (to review them, ?intento= of someone else), so theirs are drawn every time.
 */
const learnerRows = (_params: unknown, user: SessionUser) => (hasAnyRole(user, PREVIEW_ROLES) ? null : OWN);
function cohortRows(params: Record<string, string | undefined>): Reads | null {
  const cohortId = Number(params.id);
  return Number.isSafeInteger(cohortId) && cohortId > 0 ? { kind: 'cohort', cohortId } : null;
}

export const VIEW_ROUTES: readonly ViewRoute[] = [
  { pattern: '/aprendizaje', path: /^\/aprendizaje$/, reads: ownRows },
  { pattern: '/aprendizaje/horas', path: /^\/aprendizaje\/horas$/, reads: ownRows },
  { pattern: '/instructor', path: /^\/instructor$/, reads: ownRows },
  { pattern: '/instructor/generaciones/[id]', path: /^\/instructor\/generaciones\/(?<id>\d+)$/, reads: cohortRows },
  { pattern: '/coordinacion/generaciones/[id]', path: /^\/coordinacion\/generaciones\/(?<id>\d+)$/, reads: cohortRows },
  { pattern: '/generaciones/[id]/calificaciones', path: /^\/generaciones\/(?<id>\d+)\/calificaciones$/, reads: cohortRows },
  { pattern: '/generaciones/[id]/tablero', path: /^\/generaciones\/(?<id>\d+)\/tablero$/, reads: cohortRows },
  // A module's quiz: its rules, the learner's attempts and standing (their own rows), its window (by the minute).
  { pattern: '/diplomado/[modulo]/evaluacion', path: /^\/diplomado\/(?<modulo>[\w-]+)\/evaluacion$/, reads: ownRows },
  // Practice that draws tables of fixed data (40 employers in ten lists, the KPI charts): 2–6 ms each.
  { pattern: '/diplomado/practicas', path: /^\/diplomado\/practicas$/, reads: learnerRows },
  { pattern: '/diplomado/herramientas/focalizacion', path: /^\/diplomado\/herramientas\/focalizacion$/, reads: learnerRows },
  { pattern: '/diplomado/herramientas/indicadores', path: /^\/diplomado\/herramientas\/indicadores$/, reads: learnerRows },
  { pattern: '/diplomado/herramientas/expediente', path: /^\/diplomado\/herramientas\/expediente$/, reads: learnerRows },
  // The directory of 5,000+ people, searched and counted per view: only accounts and roles change it.
  { pattern: '/coordinacion/personas', path: /^\/coordinacion\/personas$/, reads: () => PEOPLE },
  // Counts across the whole program: any write anywhere draws it anew.
  { pattern: '/coordinacion/tablero', path: /^\/coordinacion\/tablero$/, reads: () => EVERYTHING },
];

/** A page as it was sent: its body gzipped, and the headers that describe that body. */
export interface KeptView {
  headers: Readonly<Record<string, string>>;
  body: Uint8Array<ArrayBuffer>;
}

/** ~5–60 KB gzipped each: a few hundred people's pages; past 16 MB the least recently used leave. */
const views = new LRUCache<string, KeptView>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (view, key) => view.body.length + key.length,
});

export function viewRouteFor(pattern: string): ViewRoute | undefined {
  return VIEW_ROUTES.find((route) => route.pattern === pattern);
}

/**
 * The key of this person's view of the address at this moment, or null where the page is not
 * kept. `address` is the path and query string as the URL parser normalises them.
 */
export function viewKey(
  db: Db,
  route: ViewRoute,
  user: SessionUser,
  params: Record<string, string | undefined>,
  address: string,
  now: number,
): string | null {
  const reads = route.reads(params, user);
  if (!reads) return null;
  const minute = Math.floor(now / 60_000);
  return `${address}\u0000${user.id}\u0000${minute}\u0000${readStamp(db, user.id, reads)}`;
}

export function keptView(key: string): KeptView | undefined {
  return views.get(key);
}

export function keepView(key: string, view: KeptView): void {
  views.set(key, view);
}

/**
 * For the middleware: the kept view of this request, or the page `draw` makes (its final response,
 * headers and compression included), kept when it is a page (200, gzipped HTML) and nothing it may
 * have read changed while it was drawn.
 */
export async function throughViewCache(context: APIContext, draw: () => Promise<Response>): Promise<Response> {
  const { request, locals, url } = context;
  const route = locals.user && request.method === 'GET' ? viewRouteFor(context.routePattern) : undefined;
  if (!route || !locals.user || !acceptsGzip(request.headers.get('Accept-Encoding'))) return draw();
  const db = getDb();
  const key = () => viewKey(db, route, locals.user as SessionUser, context.params, url.pathname + url.search, Date.now());
  const before = key();
  const kept = before ? keptView(before) : undefined;
  if (kept) return new Response(kept.body, { status: 200, headers: kept.headers });

  const response = await draw();
  const keepable =
    before &&
    response.status === 200 &&
    response.headers.get('Content-Encoding') === 'gzip' &&
    (response.headers.get('Content-Type') ?? '').startsWith('text/html') &&
    !response.headers.has('Set-Cookie');
  if (!keepable) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'content-length'));
  if (key() === before) keepView(before, { headers, body });
  return new Response(body, { status: 200, headers });
}
