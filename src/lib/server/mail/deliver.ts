import nodemailer, { type Transporter } from 'nodemailer';
import { outbox } from '../../../../db/schema/index.ts';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { markMessageSent } from './outbox.ts';

/**
 * SMTP settings from the environment. With none (the default), messages stay in the outbox
 * for admins to read and coordinators see invitation links on screen.
 */
export function isMailConfigured(): boolean {
  return Boolean(process.env.SMTP_HOST);
}

let transporter: Transporter | undefined;
function getTransporter(): Transporter {
  transporter ??= nodemailer.createTransport({
    host: process.env.SMTP_HOST,
    port: Number(process.env.SMTP_PORT ?? 587),
    secure: process.env.SMTP_SECURE === 'true',
    auth: process.env.SMTP_USER ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASSWORD } : undefined,
  });
  return transporter;
}

/** Sends queued messages by id; failures are recorded on the message, never thrown at the person. */
export async function deliverMessages(db: Db, ids: number[]): Promise<void> {
  if (!isMailConfigured() || ids.length === 0) return;
  const from = process.env.SMTP_FROM ?? 'Aula <no-responder@aula.local>';
  const messages = db.select().from(outbox).where(inArray(outbox.id, ids)).all();
  for (const m of messages) {
    try {
      await getTransporter().sendMail({ from, to: m.to, subject: m.subject, text: m.body });
      markMessageSent(db, m.id, null);
    } catch (error) {
      markMessageSent(db, m.id, error instanceof Error ? error.message : String(error));
    }
  }
}
