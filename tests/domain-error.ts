import { DomainError } from '../src/lib/server/errors.ts';

/** The i18n code of the DomainError a piece of work throws, or undefined when it succeeds. */
export function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}
