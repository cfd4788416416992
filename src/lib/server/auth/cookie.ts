import type { AstroCookies } from 'astro';
import { SESSION_COOKIE } from './session.ts';

/**
 * HttpOnly, SameSite=Lax, and Secure in production builds. `AULA_INSECURE_COOKIES=1` drops Secure
 * for a production build served over plain http on a private network (the benchmark, a demo
 * reached by IP); browsers accept Secure cookies on localhost anyway.
 */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && process.env.AULA_INSECURE_COOKIES !== '1',
    path: '/',
    expires: expiresAt,
  });
}

export function deleteSessionCookie(cookies: AstroCookies): void {
  cookies.set(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: import.meta.env.PROD && process.env.AULA_INSECURE_COOKIES !== '1',
    path: '/',
    maxAge: 0,
  });
}
