import { ActionError, type getActionContext, isInputError } from 'astro:actions';
import type { ActionAPIContext, ActionErrorCode } from 'astro:actions';
import { type MessageKey, t } from '../i18n/index.ts';
import { DomainError } from '../lib/server/errors.ts';
import { clientAddress } from '../lib/server/auth/client-address.ts';

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

type ActionResult = Parameters<ReturnType<typeof getActionContext>['serializeActionResult']>[0];

/** Errors Astro raises itself, in English, before or around our handlers; ours already speak Spanish. */
const ASTRO_ERRORS: Partial<Record<ActionErrorCode, MessageKey>> = {
  CONTENT_TOO_LARGE: 'http.contentTooLarge',
  UNSUPPORTED_MEDIA_TYPE: 'http.unsupportedMediaType',
  // An unexpected exception: its message (SQL, a stack, raw Zod JSON) is for the log, not the person.
  INTERNAL_SERVER_ERROR: 'error.generic',
};

/**
 * An action's result as a person should read it: Astro's own errors (the body-size limit, a
 * wrong content type, an exception in a handler) get their es-MX message; input errors and
 * DomainErrors pass unchanged. The middleware runs every form action through it.
 */
export function inSpanish(result: ActionResult): ActionResult {
  const { error } = result;
  if (!error || isInputError(error)) return result;
  const key = ASTRO_ERRORS[error.code];
  if (!key && error.message) return result;
  if (error.code === 'INTERNAL_SERVER_ERROR') console.error('Action failed:', error.message);
  const limit = /(\d+) bytes/.exec(error.message)?.[1];
  const megabytes = limit ? Math.floor(Number(limit) / (1024 * 1024)) : '';
  return {
    data: undefined,
    error: new ActionError({ code: error.code, message: t(key ?? 'error.generic', { megabytes }) }),
  };
}

/** The origin invitation links point to: PUBLIC_URL when set (behind a proxy), else the request's. */
export function baseUrlOf(context: Pick<ActionAPIContext, 'url'>): string {
  return process.env.PUBLIC_URL ?? context.url.origin;
}

/** The client's address for throttling; behind a local reverse proxy, the one it forwards (docs/operations.md). */
export function clientAddressOf(context: Pick<ActionAPIContext, 'clientAddress' | 'request'>): string {
  try {
    return clientAddress(context.clientAddress, context.request.headers.get('x-forwarded-for'));
  } catch {
    return 'unknown';
  }
}
