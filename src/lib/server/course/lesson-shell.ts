import type { SessionUser } from '../auth/session.ts';
import { layoutValues, type ShellRoute } from '../shell/shell-routes.ts';
import type { PersonalSlot } from '../shell/personal.ts';
import { getLessonBody } from './lesson-body.ts';
import {
  completedText,
  engagementTexts,
  type LessonRequest,
  noteLessonOpened,
  OFFLINE_STORE_HEADER,
  resolveLessonRequest,
} from './lesson-request.ts';

/**
 * A lesson from its shell (shell/shell-routes.ts). What a lesson shows besides the person's values
 * follows from the lesson, the person's roles (the navigation), and whether they study it, have
 * completed it or preview it as staff: that is the shell's key. Lessons with checklists (forms
 * with the person's own marks) render in full, as does every answer but the lesson itself (403,
 * 404, a locked module), which the page gives from the decision made here (`locals.lessonRequest`).
 */

type Lesson = Extract<LessonRequest, { kind: 'lesson' }>;

/** The slots each state's shell must have, and nothing else. */
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
    ...layoutValues(user),
    ...engagementTexts(progress?.engagedSeconds ?? 0, lesson.minMinutes),
    ...(progress?.completedAt ? { completedText: completedText(progress.completedAt) } : {}),
  };
}

export const lessonShellRoute: ShellRoute = {
  pattern: '/diplomado/[modulo]/[leccion]',
  // Modules and lessons are numbered (01-…): the site's other pages under /diplomado go straight to Astro.
  path: /^\/diplomado\/(?<modulo>\d{2}-[^/?]+)\/(?<leccion>\d{2}-[^/?]+)$/,
  async plan(db, user, params, request, locals) {
    const lesson = await resolveLessonRequest(db, user, params.modulo ?? '', params.leccion ?? '');
    // The page takes this decision rather than making it again, whether it renders in full or as a shell.
    if (locals) locals.lessonRequest = lesson;
    if (lesson.kind !== 'lesson') return null;
    const body = await getLessonBody(lesson.lesson.id);
    // No prerendered body in astro dev; a checklist is a form with the person's own marks.
    if (!body || body.parts.some((part) => 'checklistId' in part)) return null;
    const state = stateOf(lesson);
    return {
      key: `${lesson.lesson.id}|${state}|${[...user.roles].sort().join(',')}`,
      slots: SLOTS[state],
      values: personalValues(user, lesson),
      onAnswer: () => noteLessonOpened(db, lesson, request.header(OFFLINE_STORE_HEADER) !== undefined),
    };
  },
};
