/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    session: import('./lib/server/auth/session.ts').Session | null;
    /** The matched route's pattern, for the request log (scripts/lib/request-log.mjs). */
    route?: string;
  }
}
