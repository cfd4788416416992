import type { APIContext, MiddlewareNext } from 'astro';
import { answerFromShell, pageFromShell, type ShellRoute } from '../shell/shell-routes.ts';
import { lessonShellRoute } from './lesson-shell.ts';
import { moduleShellRoute, programShellRoute } from './path-shells.ts';

/** The pages served from shells: the ones a learner opens most (docs/decisions/024). */
const ROUTES: readonly ShellRoute[] = [lessonShellRoute, moduleShellRoute, programShellRoute];

/** For the middleware: the page from its shell, or null where it renders as any other. */
export function fromShell(context: APIContext, next: MiddlewareNext): Promise<Response | null> {
  return pageFromShell(context, next, ROUTES);
}

// scripts/lib/serve.mjs runs outside the Astro bundle and cannot import this module; it asks the
// function left here first. Nothing is registered until a request loads the middleware, and no page
// is answered until the middleware has made its shell.
(globalThis as Record<symbol, unknown>)[Symbol.for('aula.answerFromShell')] = (
  req: Parameters<typeof answerFromShell>[0],
  locals: Parameters<typeof answerFromShell>[1],
) => answerFromShell(req, locals, ROUTES);
