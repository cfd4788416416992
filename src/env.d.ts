/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    session: import('./lib/server/auth/session.ts').Session | null;
    /** The matched route's pattern, for the request log (scripts/lib/request-log.mjs). */
    route?: string;
    /** Set while a page renders as a shell: personal values become marks (lib/server/shell/personal.ts). */
    renderingShell?: boolean;
    /** The lesson decided by the middleware for the shell it renders (lib/server/course/lesson-shell.ts). */
    lessonRequest?: import('./lib/server/course/lesson-request.ts').LessonRequest | undefined;
  }
}
