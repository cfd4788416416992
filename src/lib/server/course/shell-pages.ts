import type { APIContext, MiddlewareNext } from 'astro';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';
import { answerFromShell, pageFromShell, type ShellRoute } from '../shell/shell-routes.ts';
import { lessonShellRoute } from './lesson-shell.ts';
import { moduleShellRoute, programShellRoute } from './path-shells.ts';

/** The pages served from shells: the ones a learner opens most (docs/decisions/024). */
const ROUTES: readonly ShellRoute[] = [lessonShellRoute, moduleShellRoute, programShellRoute];

/** For the middleware: the page from its shell, or null where it renders as any other. */
export function fromShell(context: APIContext, next: MiddlewareNext): Promise<Response | null> {
  return pageFromShell(context, next, ROUTES);
}

/** For http/direct-answer.ts: whether a path (no query string) may be a shell's page. */
export function isShellPath(path: string): boolean {
  return ROUTES.some((route) => route.path.test(path));
}

/** For http/direct-answer.ts: the page from its made shell, or null. */
export function answerFromShellPage(req: Parameters<typeof answerFromShell>[0], signedIn: { db: Db; user: SessionUser }) {
  return answerFromShell(req, signedIn, ROUTES);
}
