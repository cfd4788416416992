import { t } from '../../../i18n/index.ts';
import type { Db } from '../db.ts';
import { deliverMessages, getMailSettings } from './deliver.ts';
import { getOutboxMessage, queueMessage } from './outbox.ts';

export type SmtpTestResult =
  | { status: 'notConfigured' }
  | { status: 'sent'; to: string; server: string }
  | { status: 'failed'; to: string; server: string; error: string };

/**
 * "Probar SMTP": a short message to the admin's own address through the configured server, kept
 * in the outbox like any other, so the admin sees the outcome at once and the trace stays.
 * Without SMTP_HOST nothing is sent, and the answer says so.
 */
export async function sendTestMessage(db: Db, admin: { email: string; fullName: string }, now = new Date()): Promise<SmtpTestResult> {
  const settings = getMailSettings();
  if (!settings) return { status: 'notConfigured' };
  const server = `${settings.host}:${settings.port}`;
  const id = queueMessage(
    db,
    { to: admin.email, subject: t('outbox.test.subject'), body: t('outbox.test.body', { name: admin.fullName, server }) },
    now,
  );
  await deliverMessages(db, [id]);
  const message = getOutboxMessage(db, id);
  if (message?.sentAt) return { status: 'sent', to: admin.email, server };
  return { status: 'failed', to: admin.email, server, error: message?.error ?? t('mail.error.other') };
}
