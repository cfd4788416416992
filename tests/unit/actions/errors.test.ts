import { ActionError } from 'astro:actions';
import { describe, expect, test } from 'vitest';
import { inSpanish } from '../../../src/actions/errors.ts';
import { t } from '../../../src/i18n/index.ts';

const failed = (error: ActionError) => ({ data: undefined, error });

describe('inSpanish', () => {
  test('gives the body-size limit its Spanish message and keeps the 413', () => {
    const { error } = inSpanish(failed(new ActionError({ code: 'CONTENT_TOO_LARGE', message: 'Request body exceeds 5242880 bytes' })));
    expect(error).toMatchObject({ code: 'CONTENT_TOO_LARGE', status: 413, message: t('http.contentTooLarge', { megabytes: 5 }) });
  });

  test('never shows the raw message of an unexpected exception', () => {
    const { error } = inSpanish(failed(new ActionError({ code: 'INTERNAL_SERVER_ERROR', message: 'SQLITE_CONSTRAINT: UNIQUE failed' })));
    expect(error).toMatchObject({ status: 500, message: t('error.generic') });
  });

  test('gives an error without a message a Spanish one', () => {
    expect(inSpanish(failed(new ActionError({ code: 'NOT_FOUND' }))).error?.message).toBe(t('error.generic'));
  });

  test('leaves our own messages and successes alone', () => {
    const ours = failed(new ActionError({ code: 'CONFLICT', message: t('cohort.nameTaken', { name: 'X' }) }));
    expect(inSpanish(ours)).toBe(ours);
    const ok = { data: { id: 1 }, error: undefined };
    expect(inSpanish(ok)).toBe(ok);
  });
});
