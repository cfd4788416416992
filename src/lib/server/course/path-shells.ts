import type { SessionUser } from '../auth/session.ts';
import { layoutValues, type ShellPlan, type ShellRoute } from '../shell/shell-routes.ts';
import { getCohortNotStarted } from './access.ts';
import { type LearnerPath, loadLearnerPath } from './learner-path.ts';

/**
 * The program page and a module's page from their shells (shell/shell-routes.ts). Besides the
 * layout's name and account id, everything of the person's on them follows from the learner path:
 * access (learner or staff), the notice of a cohort not started yet, each module's standing
 * (progress, quiz, locked and why) and, on a module's page, which of its lessons are complete.
 * The key is exactly that, so two people with the same key see the same page but for their name.
 */

/** What the program and module pages show of everyone, for the key. */
function sharedView(user: SessionUser, path: LearnerPath) {
  return {
    roles: [...user.roles].sort(),
    access: path.access.kind,
    notStarted: getCohortNotStarted(path.access),
  };
}

function plan(user: SessionUser, view: object): ShellPlan {
  return { key: JSON.stringify(view), slots: ['signedInAs', 'userId'], values: layoutValues(user) };
}

export const programShellRoute: ShellRoute = {
  pattern: '/diplomado',
  path: /^\/diplomado$/,
  async plan(db, user) {
    const path = await loadLearnerPath(db, user);
    // Without access the page answers 403 with its notice: rendered in full.
    if (path.access.kind === 'none') return null;
    return plan(user, { ...sharedView(user, path), standings: [...path.standings.values()] });
  },
};

export const moduleShellRoute: ShellRoute = {
  pattern: '/diplomado/[modulo]',
  // Modules are numbered (01-…): /diplomado/buscar, /glosario and the like go straight to Astro.
  path: /^\/diplomado\/(?<modulo>\d{2}-[^/?]+)$/,
  async plan(db, user, params) {
    const path = await loadLearnerPath(db, user);
    const module = path.modules.find((m) => m.slug === params.modulo);
    // 403 and 404 render in full.
    if (path.access.kind === 'none' || !module) return null;
    return plan(user, {
      ...sharedView(user, path),
      module: module.slug,
      standing: path.standings.get(module.slug) ?? null,
      completed: module.lessons.filter((l) => path.progress.get(l.id)?.completedAt).map((l) => l.id),
    });
  },
};
