import { describe, expect, test } from 'vitest';
import { t } from '../../../../../src/i18n/index.ts';
import { explainMailError } from '../../../../../src/lib/server/mail/explain-error.ts';

const target = { host: 'smtp.stps.gob.mx', port: 587 };
const failure = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('explainMailError', () => {
  test.each([
    [failure('Invalid login: 535 5.7.8 Authentication failed', { code: 'EAUTH', responseCode: 535 }), t('mail.error.auth')],
    [failure('getaddrinfo ENOTFOUND smtp.stps.gob.mx', { code: 'EDNS' }), t('mail.error.dns', target)],
    [failure('connect ECONNREFUSED 10.0.0.1:587', { code: 'ESOCKET' }), t('mail.error.refused', target)],
    [failure('Connection timeout', { code: 'ETIMEDOUT' }), t('mail.error.timeout', target)],
    [failure('wrong version number', { code: 'ESOCKET' }), t('mail.error.tls', target)],
    [
      failure("Can't send mail - all recipients were rejected: 550 5.1.1 No such user", { code: 'EENVELOPE', responseCode: 550 }),
      t('mail.error.envelope'),
    ],
    [failure('Message rejected: 554 spam', { code: 'EMESSAGE', responseCode: 554 }), t('mail.error.rejected')],
    [failure('Something odd'), t('mail.error.other')],
  ])('explains %s in Spanish and keeps the server’s words', (error, explanation) => {
    const text = explainMailError(error, target);
    expect(text.startsWith(explanation)).toBe(true);
    expect(text).toContain((error as Error).message);
  });

  test('copes with something that is not an Error', () => {
    expect(explainMailError('boom', target)).toBe(t('mail.error.withDetail', { explanation: t('mail.error.other'), detail: 'boom' }));
  });
});
