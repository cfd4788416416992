import type { Role } from '../../../../db/schema/index.ts';
import { isCohortInstructor } from '../cohorts/cohorts.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import type { SessionUser } from './session.ts';

/**
 * Which roles may open which part of the site. The middleware applies it to every request, so
 * a page cannot be forgotten; actions and cohort-level checks call `requireRole` and
 * `requireCohortAccess` themselves, because an action can be posted to any path.
 */
const AREA_ROLES: { prefix: string; roles: Role[] }[] = [
  { prefix: '/admin', roles: ['admin'] },
  { prefix: '/coordinacion', roles: ['coordinator', 'admin'] },
  { prefix: '/instructor', roles: ['instructor'] },
  { prefix: '/aprendizaje', roles: ['inspector'] },
  // A cohort's gradebook: its instructors and coordination (the page checks the cohort).
  { prefix: '/generaciones', roles: ['instructor', 'coordinator', 'admin'] },
  // Enrollment (for inspectors) is checked by the pages themselves: see course/access.ts.
  { prefix: '/diplomado', roles: ['inspector', 'instructor', 'coordinator', 'admin'] },
  { prefix: '/api/progreso', roles: ['inspector'] },
  { prefix: '/api/evaluacion', roles: ['inspector'] },
];

/** Paths anyone may open without signing in. */
const PUBLIC_PATHS = ['/', '/ingresar', '/recuperar-contrasena', '/api/health', '/403', '/404', '/verificar'];
// `/calendario/<token>.ics`: a calendar app reads it without signing in; the token is the key (sessions/calendar-feed.ts).
// `/verificar/<code>`: a certificate's public verification, the target of its QR code (issue 14).
// `/credenciales/`: the issuer's public keys and the signed status list a verifier of a credential reads.
const PUBLIC_PREFIXES = ['/invitacion/', '/recuperar-contrasena/', '/_astro/', '/favicon', '/calendario/', '/verificar/', '/credenciales/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.includes(pathname) || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
}

/** The roles a path requires, or null when any signed-in person may open it. */
export function rolesForPath(pathname: string): Role[] | null {
  const area = AREA_ROLES.find((a) => pathname === a.prefix || pathname.startsWith(`${a.prefix}/`));
  return area?.roles ?? null;
}

export function hasAnyRole(user: Pick<SessionUser, 'roles'> | null, roles: readonly Role[]): boolean {
  return Boolean(user?.roles.some((r) => roles.includes(r)));
}

/** Throws a forbidden DomainError unless the person holds one of the roles. */
export function requireRole(user: SessionUser | null, ...roles: Role[]): SessionUser {
  if (!user || !hasAnyRole(user, roles)) throw new DomainError('error.forbidden', {}, 'forbidden');
  return user;
}

/** Coordinators and admins see every cohort; an instructor only those they teach. */
export function canViewCohort(db: Db, user: SessionUser, cohortId: number): boolean {
  if (hasAnyRole(user, ['coordinator', 'admin'])) return true;
  return user.roles.includes('instructor') && isCohortInstructor(db, cohortId, user.id);
}

/** Where each person lands after signing in: the home of their most privileged role. */
export function homePathFor(user: Pick<SessionUser, 'roles'>): string {
  if (user.roles.includes('admin')) return '/admin';
  if (user.roles.includes('coordinator')) return '/coordinacion';
  if (user.roles.includes('instructor')) return '/instructor';
  if (user.roles.includes('inspector')) return '/aprendizaje';
  return '/cuenta';
}

/** Any origin of our own does: a relative path resolved against it either keeps it or leaves the site. */
const NEXT_PATH_BASE = 'http://aula.invalid';

/**
 * Only same-site paths are followed after sign-in, never another origin. Browsers drop tabs and
 * newlines from a URL and read `\` as `/`, so `/<TAB>/evil.example` or `/\evil.example` lead off
 * the site: such values are refused outright, and the rest is parsed as a URL and kept only if it
 * stays on our origin. The result is the parsed path, percent-encoded, so it is always a valid
 * `Location` header.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || /[\p{Cc}\\]/u.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, NEXT_PATH_BASE);
  } catch {
    return null;
  }
  if (url.origin !== NEXT_PATH_BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? null : path;
}

/** Throws a forbidden DomainError unless someone is signed in. */
export function requireSignedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new DomainError('error.forbidden', {}, 'forbidden');
  return user;
}

/** Throws unless the person may see the cohort (coordination, or an instructor who teaches it). */
export function requireCohortAccess(db: Db, user: SessionUser | null, cohortId: number): SessionUser {
  if (!user || !canViewCohort(db, user, cohortId)) throw new DomainError('error.forbidden', {}, 'forbidden');
  return user;
}
