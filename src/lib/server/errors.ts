import type { MessageKey } from '../../i18n/index.ts';

export type DomainErrorKind = 'conflict' | 'forbidden' | 'not-found' | 'invalid' | 'too-many-requests';

/**
 * A rule of the domain was not met by stored data (already enrolled, link expired...).
 * `code` is an i18n key; actions turn it into an ActionError with the Spanish message.
 * (No constructor parameter properties: scripts run this file with Node's type stripping.)
 */
export class DomainError extends Error {
  readonly code: MessageKey;
  readonly params: Record<string, string | number>;
  readonly kind: DomainErrorKind;

  constructor(code: MessageKey, params: Record<string, string | number> = {}, kind: DomainErrorKind = 'conflict') {
    super(code);
    this.name = 'DomainError';
    this.code = code;
    this.params = params;
    this.kind = kind;
  }
}
