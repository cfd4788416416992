import type { IncomingHttpHeaders } from 'node:http';
import type { APIContext, MiddlewareNext } from 'astro';
import { parseCookie } from 'cookie';
import { t } from '../../../i18n/index.ts';
import { hasAnyRole, rolesForPath } from '../auth/authorize.ts';
import { SESSION_COOKIE, type SessionUser, validateSessionToken } from '../auth/session.ts';
import { type Db, getDb } from '../db.ts';
import { SECURITY_HEADERS, SIGNED_IN_CACHE_CONTROL } from '../http/headers.ts';
import { prepareDatabase } from '../setup/prepare.ts';
import { compileShell, fillShell, gzipShell, type PageShell, ShellCache } from '../shell/page-shell.ts';
import type { PersonalSlot } from '../shell/personal.ts';
import { fillStaticParts, getLessonBody, LESSON_BODY_HEADER } from './lesson-body.ts';
import {
  completedText,
  engagementTexts,
  type LessonRequest,
  noteLessonOpened,
  OFFLINE_STORE_HEADER,
  resolveLessonRequest,
} from './lesson-request.ts';

/**
 * A lesson page served from its shell (shell/page-shell.ts): rendered by Astro once per lesson and
 * way of seeing it, then filled with each person's values. What a lesson shows besides those values
 * follows from the lesson, the person's roles (the navigation), and whether they study it, have
 * completed it or preview it as staff: that is the shell's key. Everything else renders in full: a
 * query string (notices after completing or saving a checklist), form actions (POST), lessons with
 * checklists (forms with the person's marks), and every answer but the lesson itself (403, 404, a
 * locked module), which the page gives from the decision made here (`locals.lessonRequest`).
 *
 * Once a shell is made, its lesson is answered before Astro sees the request (`answerLessonDirectly`).
 */

const LESSON_ROUTE = '/diplomado/[modulo]/[leccion]';
/** ~60 KB each; past 96 (a few states and sets of roles for each lesson), the least recently used leave. */
const shells = new ShellCache(96);

type Lesson = Extract<LessonRequest, { kind: 'lesson' }>;

/** The slots each state's shell must have, and nothing else: a shell that differs is not kept. */
const SLOTS: Record<ReturnType<typeof stateOf>, PersonalSlot[]> = {
  staff: ['signedInAs', 'userId'],
  completed: ['signedInAs', 'userId', 'completedText'],
  studying: ['signedInAs', 'userId', 'engagedText', 'remainingSeconds', 'remainingText'],
};

function stateOf({ learner, progress }: Lesson) {
  if (!learner) return 'staff' as const;
  return progress?.completedAt ? ('completed' as const) : ('studying' as const);
}

/** The person's values for every slot a lesson page may have (Layout.astro, LessonEngagement.astro, the page). */
function personalValues(user: SessionUser, { lesson, progress }: Lesson): Partial<Record<PersonalSlot, string>> {
  return {
    signedInAs: t('nav.signedInAs', { name: user.fullName }),
    userId: String(user.id),
    ...engagementTexts(progress?.engagedSeconds ?? 0, lesson.minMinutes),
    ...(progress?.completedAt ? { completedText: completedText(progress.completedAt) } : {}),
  };
}

/** What the page would answer, and the key of its shell where it has one. */
async function planLesson(db: Db, user: SessionUser, moduleSlug: string, lessonSlug: string) {
  const request = await resolveLessonRequest(db, user, moduleSlug, lessonSlug);
  if (request.kind !== 'lesson') return { request, key: null };
  const body = await getLessonBody(request.lesson.id);
  // No prerendered body in astro dev; a checklist is a form with the person's own marks.
  if (!body || body.parts.some((part) => 'checklistId' in part)) return { request, key: null };
  return { request, key: `${request.lesson.id}|${stateOf(request)}|${[...user.roles].sort().join(',')}` };
}

/** The shell filled for this person, and the headers that describe it. */
function filled(shell: PageShell, user: SessionUser, lesson: Lesson, gzip: boolean) {
  const values = personalValues(user, lesson);
  const headers: Record<string, string> = { 'Content-Type': 'text/html', Vary: 'Accept-Encoding' };
  if (gzip) headers['Content-Encoding'] = 'gzip';
  return { headers, body: gzip ? gzipShell(shell, values) : fillShell(shell, values) };
}

/** The lesson's response from its shell (rendering the shell if it is not made yet), or null where the page must render in full. */
export async function lessonFromShell(context: APIContext, next: MiddlewareNext): Promise<Response | null> {
  const { request, locals, params, url } = context;
  const user = locals.user;
  if (!user || context.routePattern !== LESSON_ROUTE || request.method !== 'GET' || url.search !== '') return null;
  const db = getDb();
  const { request: lesson, key } = await planLesson(db, user, params.modulo ?? '', params.leccion ?? '');
  // The page takes this decision rather than making it again, whether it renders in full or as a shell.
  locals.lessonRequest = lesson;
  if (lesson.kind !== 'lesson' || key === null) return null;

  let shell = shells.get(key);
  if (shell) {
    noteLessonOpened(db, lesson, request.headers.has(OFFLINE_STORE_HEADER));
  } else {
    // The page notes the opening itself as it renders.
    const rendered = await renderShell(locals, lesson.lesson.id, next);
    if (rendered.status !== 200 || !sameSlots(rendered.shell, SLOTS[stateOf(lesson)])) {
      return new Response(fillShell(rendered.shell, personalValues(user, lesson)), { status: rendered.status, headers: rendered.headers });
    }
    shell = rendered.shell;
    shells.set(key, shell);
  }
  const { headers, body } = filled(shell, user, lesson, /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? ''));
  return new Response(body, { status: 200, headers });
}

const LESSON_PATH = /^\/diplomado\/([^/?]+)\/([^/?]+)$/;

/** A lesson answered whole: the headers and body to write as they are. */
export interface DirectAnswer {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A lesson whose shell is made, answered before Astro sees the request (scripts/lib/serve.mjs):
 * Astro's part of a view from a shell (a web Request, routing, the middleware chain, streaming the
 * Response back) was two thirds of its CPU (1.07 → 0.36 ms per view; docs/decisions/024). It checks what the middleware and
 * the page check for this route: a valid session, the area's roles, and the lesson request itself
 * (enrollment, draft, locked module). It answers only the common case; anything else (no session,
 * one due for renewal, a query string, a shell not made yet, any outcome but the lesson) gets null,
 * and Astro answers as it does every other request. `locals` is the request log's (the route and
 * the person, as the middleware would fill them).
 */
export async function answerLessonDirectly(
  req: { method?: string; url?: string; headers: IncomingHttpHeaders },
  locals: Partial<Pick<App.Locals, 'route' | 'user'>>,
): Promise<DirectAnswer | null> {
  const match = req.method === 'GET' ? LESSON_PATH.exec(req.url ?? '') : null;
  const token = match && req.headers.cookie ? parseCookie(req.headers.cookie)[SESSION_COOKIE] : undefined;
  if (!match || !token) return null;
  const db = getDb();
  await prepareDatabase(db);
  // A renewed session needs its new cookie, which Astro's cookies send.
  const { user, renewalDue } = validateSessionToken(db, token, new Date(), { renew: false });
  const areaRoles = rolesForPath('/diplomado/');
  if (!user || renewalDue || (areaRoles && !hasAnyRole(user, areaRoles))) return null;
  const slugs = decodedSegments(match);
  if (!slugs) return null;
  const { request, key } = await planLesson(db, user, ...slugs);
  const shell = key === null ? undefined : shells.get(key);
  if (!shell || request.kind !== 'lesson') return null;

  noteLessonOpened(db, request, OFFLINE_STORE_HEADER in req.headers);
  locals.route = LESSON_ROUTE;
  locals.user = user;
  const { headers, body } = filled(shell, user, request, /\bgzip\b/.test(req.headers['accept-encoding'] ?? ''));
  return {
    headers: { ...headers, ...SECURITY_HEADERS, 'Cache-Control': SIGNED_IN_CACHE_CONTROL, 'Content-Length': String(body.length) },
    body,
  };
}

/** The module and lesson slugs as Astro's params would have them, or null for a malformed escape. */
function decodedSegments(match: RegExpExecArray): [string, string] | null {
  try {
    return [decodeURIComponent(match[1] ?? ''), decodeURIComponent(match[2] ?? '')];
  } catch {
    return null;
  }
}

// scripts/lib/serve.mjs runs outside the Astro bundle and cannot import this module; it asks the
// function left here first. Nothing is registered until a request loads the middleware, and no
// lesson is answered until the middleware has made its shell.
(globalThis as Record<symbol, unknown>)[Symbol.for('aula.answerLessonDirectly')] = answerLessonDirectly;

/** The page rendered by Astro with marks for the person's values, its prerendered body in place. */
async function renderShell(
  locals: App.Locals,
  lessonId: string,
  next: MiddlewareNext,
): Promise<{ status: number; headers: Headers; shell: PageShell }> {
  locals.renderingShell = true;
  try {
    const response = await next();
    const headers = new Headers(response.headers);
    const statics = headers.has(LESSON_BODY_HEADER) ? (await getLessonBody(lessonId))?.statics : undefined;
    headers.delete(LESSON_BODY_HEADER);
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
