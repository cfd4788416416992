import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { tCount } from '../format.ts';

/**
 * Zod's messages in es-MX, saying what to fix, for every check that does not bring its own
 * message. Installed on import: every schema module in this folder imports this file and so does
 * the middleware, so actions, pages, scripts and tests all get Spanish without anyone asking.
 *
 * `customError`, not `localeError`: each Zod copy sets `localeError` to English when it loads, and
 * the config is shared through globalThis, so a later import would undo ours. `customError` is
 * ours alone and outranks it.
 */
export function spanishIssueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return t('form.required');
      if (issue.expected === 'int') return t('form.number.integer');
      if (issue.expected === 'number' || issue.expected === 'bigint') return t('form.number.invalid');
      if (issue.expected === 'date') return t('form.date.invalid');
      return t('form.invalid');
    case 'too_small':
      return sizeMessage('min', issue.origin, issue.minimum, issue.inclusive, issue.exact, issue.input);
    case 'too_big':
      return sizeMessage('max', issue.origin, issue.maximum, issue.inclusive, issue.exact, issue.input);
    case 'invalid_format':
      if (issue.format === 'email') return t('form.email.invalid');
      if (issue.format === 'date') return t('form.date.invalid');
      return t('form.invalid');
    case 'invalid_value':
      return t('form.choice.invalid');
    case 'not_multiple_of':
      return t('form.number.multipleOf', { divisor: issue.divisor });
    default:
      return t('form.invalid');
  }
}

function sizeMessage(
  bound: 'min' | 'max',
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
  input: unknown,
): string {
  const n = Number(limit);
  if (origin === 'string') {
    if (exact) return tCount('form.text.exactLength', n);
    if (bound === 'min') return n <= 1 ? t('form.required') : t('form.text.tooShort', { min: n });
    return tCount('form.text.tooLong', n, { length: typeof input === 'string' ? input.length : n + 1 });
  }
  if (origin === 'array' || origin === 'set') {
    if (bound === 'min') return n <= 1 ? t('form.choice.required') : t('form.choice.tooFew', { min: n });
    return tCount('form.choice.tooMany', n);
  }
  if (origin === 'date') return bound === 'min' ? t('form.date.tooEarly') : t('form.date.tooLate');
  if (bound === 'min') return t(inclusive === false ? 'form.number.above' : 'form.number.atLeast', { min: n });
  return t(inclusive === false ? 'form.number.below' : 'form.number.atMost', { max: n });
}

z.config({ customError: spanishIssueMessage });
