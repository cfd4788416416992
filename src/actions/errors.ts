import { ActionError } from 'astro:actions';
import type { ActionAPIContext } from 'astro:actions';
import { t } from '../i18n/index.ts';
import { DomainError } from '../lib/server/errors.ts';

const CODES = {
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  invalid: 'BAD_REQUEST',
  'too-many-requests': 'TOO_MANY_REQUESTS',
} as const;

/** Turns a DomainError into an ActionError carrying the Spanish message; anything else propagates. */
export async function withDomainErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) {
      throw new ActionError({ code: CODES[error.kind], message: t(error.code, error.params) });
    }
    throw error;
  }
}

/** The origin invitation links point to: PUBLIC_URL when set (behind a proxy), else the request's. */
export function baseUrlOf(context: Pick<ActionAPIContext, 'url'>): string {
  return process.env.PUBLIC_URL ?? context.url.origin;
}

/** The client's address for throttling. Assumes no proxy rewrites it; set one up to pass X-Forwarded-For if needed. */
export function clientAddressOf(context: Pick<ActionAPIContext, 'clientAddress'>): string {
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
