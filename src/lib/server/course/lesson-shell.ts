import type { APIContext, MiddlewareNext } from 'astro';
import { t } from '../../../i18n/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { getDb } from '../db.ts';
import { compileShell, fillShell, gzipShell, type PageShell, ShellCache } from '../shell/page-shell.ts';
import type { PersonalSlot } from '../shell/personal.ts';
import { fillStaticParts, getLessonBody, LESSON_BODY_HEADER } from './lesson-body.ts';
import { completedText, engagementTexts, type LessonRequest, noteLessonOpened, resolveLessonRequest } from './lesson-request.ts';

/**
 * A lesson page served from its shell (shell/page-shell.ts): rendered by Astro once per lesson and
 * way of seeing it, then filled with each person's values. What a lesson shows besides those values
 * follows from the lesson, the person's roles (the navigation), and whether they study it, have
 * completed it or preview it as staff: that is the shell's key. Everything else renders in full: a
 * query string (notices after completing or saving a checklist), form actions (POST), lessons with
 * checklists (forms with the person's marks), and every answer but the lesson itself (403, 404, a
 * locked module), which the page gives from the decision made here (`locals.lessonRequest`).
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

/** The lesson's response from its shell, or null where the page must render in full. */
export async function lessonFromShell(context: APIContext, next: MiddlewareNext): Promise<Response | null> {
  const { request, locals, params, url } = context;
  const user = locals.user;
  if (!user || context.routePattern !== LESSON_ROUTE || request.method !== 'GET' || url.search !== '') return null;
  const db = getDb();
  const lesson = await resolveLessonRequest(db, user, params.modulo ?? '', params.leccion ?? '');
  // The page takes this decision rather than making it again, whether it renders in full or as a shell.
  locals.lessonRequest = lesson;
  if (lesson.kind !== 'lesson') return null;
  const body = await getLessonBody(lesson.lesson.id);
  // No prerendered body in astro dev; a checklist is a form with the person's own marks.
  if (!body || body.parts.some((part) => 'checklistId' in part)) return null;

  const state = stateOf(lesson);
  const key = `${lesson.lesson.id}|${state}|${[...user.roles].sort().join(',')}`;
  const values = personalValues(user, lesson);
  let shell = shells.get(key);
  if (shell) {
    noteLessonOpened(db, lesson, request.headers);
  } else {
    // The page notes the opening itself as it renders.
    const rendered = await renderShell(locals, lesson.lesson.id, next);
    if (rendered.status !== 200 || !sameSlots(rendered.shell, SLOTS[state])) {
      return new Response(fillShell(rendered.shell, values), { status: rendered.status, headers: rendered.headers });
    }
    shell = rendered.shell;
    shells.set(key, shell);
  }
  const gzip = /\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '');
  const headers = new Headers({ 'Content-Type': 'text/html', Vary: 'Accept-Encoding' });
  if (gzip) headers.set('Content-Encoding', 'gzip');
  return new Response(gzip ? gzipShell(shell, values) : fillShell(shell, values), { status: 200, headers });
}

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
