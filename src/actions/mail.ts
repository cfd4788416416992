import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { retryMessage } from '../lib/server/mail/retry.ts';
import { sendTestMessage } from '../lib/server/mail/smtp-test.ts';
import { withDomainErrors } from './errors.ts';

/** The outbox's two writes, for admins only: retry a failed message, and "Probar SMTP". */
export const mail = {
  retry: defineAction({
    accept: 'form',
    input: z.object({ id: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const admin = requireRole(context.locals.user, 'admin');
        return retryMessage(getDb(), { messageId: input.id, actorId: admin.id });
      }),
  }),

  testSmtp: defineAction({
    accept: 'form',
    handler: (_input, context) =>
      withDomainErrors(async () => {
        const admin = requireRole(context.locals.user, 'admin');
        return sendTestMessage(getDb(), admin);
      }),
  }),
};
