import { inArray } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { outbox } from '../../../../db/schema/index.ts';
import type { Db } from '../db.ts';
import { explainMailError } from './explain-error.ts';
import { markMessageSent } from './outbox.ts';

/** The SMTP settings of the environment, read on every use so that a restart is not the only way to see a change in tests. */
export interface MailSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

/**
 * SMTP settings from the environment. With none (the default), messages stay in the outbox
 * for admins to read and coordinators see invitation links on screen.
 */
export function getMailSettings(): MailSettings | null {
  const host = process.env.SMTP_HOST;
  if (!host) return null;
  return {
    host,
    port: Number(process.env.SMTP_PORT ?? 587),
    secure: process.env.SMTP_SECURE === 'true',
    user: process.env.SMTP_USER || undefined,
    password: process.env.SMTP_PASSWORD,
    from: process.env.SMTP_FROM ?? 'Aula <no-responder@aula.local>',
  };
}

export function isMailConfigured(): boolean {
  return getMailSettings() !== null;
}

/** Seconds an unresponsive server gets before the admin hears about it (nodemailer waits 2 min). */
const CONNECTION_TIMEOUT_MS = 15_000;

let cached: { key: string; transporter: Transporter } | undefined;
function getTransporter(settings: MailSettings): Transporter {
  const key = JSON.stringify(settings);
  if (cached?.key !== key) {
    cached = {
      key,
      transporter: nodemailer.createTransport({
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        greetingTimeout: CONNECTION_TIMEOUT_MS,
      }),
    };
  }
  return cached.transporter;
}

/**
 * Sends queued messages by id; failures are recorded on the message, explained in Spanish
 * (`explainMailError`), never thrown at the person.
 */
export async function deliverMessages(db: Db, ids: number[]): Promise<void> {
  const settings = getMailSettings();
  if (!settings || ids.length === 0) return;
  const messages = db.select().from(outbox).where(inArray(outbox.id, ids)).all();
  for (const m of messages) {
    try {
      await getTransporter(settings).sendMail({ from: settings.from, to: m.to, subject: m.subject, text: m.body });
      markMessageSent(db, m.id, null);
    } catch (error) {
      markMessageSent(db, m.id, explainMailError(error, settings));
    }
  }
}
