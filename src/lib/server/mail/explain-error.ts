import { t } from '../../../i18n/index.ts';

/** Where Aula sends mail from, for the explanation of a failure. */
export interface SmtpTarget {
  host: string;
  port: number;
}

/**
 * A delivery failure as an administrator can act on it: what went wrong and which SMTP_* setting
 * to look at, in Spanish, then the server's own words. nodemailer's error codes
 * (`EAUTH`, `ECONNECTION`, `ETLS`, …) and Node's (`ECONNREFUSED`, `ENOTFOUND`) pick the case.
 */
export function explainMailError(error: unknown, target: SmtpTarget): string {
  const { code = '', message = String(error), responseCode } = (error ?? {}) as { code?: string; message?: string; responseCode?: number };
  const params = { host: target.host, port: target.port };
  const has = (pattern: RegExp) => pattern.test(`${code} ${message}`);
  let explanation: string;
  if (code === 'EAUTH' || code === 'ENOAUTH') explanation = t('mail.error.auth');
  else if (code === 'EDNS' || has(/ENOTFOUND|EAI_AGAIN/)) explanation = t('mail.error.dns', params);
  else if (has(/ECONNREFUSED/)) explanation = t('mail.error.refused', params);
  else if (has(/ETIMEDOUT|timeout|Greeting never received/i)) explanation = t('mail.error.timeout', params);
  else if (code === 'ETLS' || code === 'EREQUIRETLS' || has(/\b(TLS|SSL)\b|certificate|wrong version number/i))
    explanation = t('mail.error.tls', params);
  else if (code === 'EENVELOPE') explanation = t('mail.error.envelope');
  else if (typeof responseCode === 'number' && responseCode >= 500) explanation = t('mail.error.rejected');
  else explanation = t('mail.error.other');
  return t('mail.error.withDetail', { explanation, detail: message.trim() || code || '—' });
}
