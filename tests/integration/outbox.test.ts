import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { auditSentence, sentenceText } from '../../src/lib/server/audit/sentence.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { deliverMessages } from '../../src/lib/server/mail/deliver.ts';
import { countOutboxByState, getOutboxMessage, listOutbox, queueMessage } from '../../src/lib/server/mail/outbox.ts';
import { retryMessage } from '../../src/lib/server/mail/retry.ts';
import { sendTestMessage } from '../../src/lib/server/mail/smtp-test.ts';
import { createTestDb } from '../db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { insertPerson } from '../factories.ts';

/**
 * A real SMTP conversation on 127.0.0.1, just enough of RFC 5321 for nodemailer: it accepts
 * every message, or refuses recipients when `refuse` is set. No mock of the mail library.
 */
function startSmtpServer(options: { refuse?: boolean } = {}): Promise<{ port: number; received: string[]; server: Server }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let data: string | null = null;
    socket.write('220 prueba ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            received.push(data);
            data = null;
            socket.write('250 OK\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 prueba\r\n');
        else if (verb === 'RCPT' && options.refuse) socket.write('550 5.1.1 No such user here\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 Go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, received, server })),
  );
}

/** A port on which nothing listens: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const { port, server } = await startSmtpServer();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function asyncCodeOf(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

const SMTP_KEYS = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_FROM'] as const;
let saved: Record<string, string | undefined>;
let servers: Server[];
let db: Db;
let admin: { id: number; email: string; fullName: string };

function useSmtp(port: number): void {
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(port);
  process.env.SMTP_SECURE = 'false';
}

beforeEach(() => {
  saved = Object.fromEntries(SMTP_KEYS.map((k) => [k, process.env[k]]));
  for (const k of SMTP_KEYS) delete process.env[k];
  servers = [];
  db = createTestDb();
  const { id, person } = insertPerson(db, {
    roles: ['admin'],
    fullName: 'Leticia Ramírez Ocampo',
    email: 'lramirez@stps.example.mx',
    curp: null,
  });
  admin = { id, email: person.email, fullName: person.fullName };
});

afterEach(async () => {
  for (const k of SMTP_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('outbox', () => {
  test('filters by state and counts each state', async () => {
    const pending = queueMessage(db, { to: 'a@x.mx', subject: 'Pendiente', body: '.' });
    const failed = queueMessage(db, { to: 'b@x.mx', subject: 'Fallido', body: '.' });
    const sent = queueMessage(db, { to: 'c@x.mx', subject: 'Enviado', body: '.' });
    useSmtp(await closedPort());
    await deliverMessages(db, [failed]);
    const smtp = await startSmtpServer();
    servers.push(smtp.server);
    useSmtp(smtp.port);
    await deliverMessages(db, [sent]);

    expect(countOutboxByState(db)).toEqual({ pending: 1, sent: 1, failed: 1 });
    expect(listOutbox(db, { state: 'pending' }).entries.map((m) => m.id)).toEqual([pending]);
    expect(listOutbox(db, { state: 'failed' }).entries.map((m) => m.id)).toEqual([failed]);
    expect(listOutbox(db, { state: 'sent' }).entries.map((m) => m.id)).toEqual([sent]);
    expect(listOutbox(db).total).toBe(3);
  });

  test('a refused connection is recorded with a Spanish explanation naming the settings to check', async () => {
    const port = await closedPort();
    useSmtp(port);
    const id = queueMessage(db, { to: 'a@x.mx', subject: 'Hola', body: '.' });
    await deliverMessages(db, [id]);
    const error = getOutboxMessage(db, id)?.error ?? '';
    expect(error).toContain(`Nadie respondió en 127.0.0.1:${port}`);
    expect(error).toContain('Revise SMTP_HOST y SMTP_PORT.');
    expect(error).toContain('ECONNREFUSED');
  });

  test('retries a failed message once the server answers, and audits who retried it and how it went', async () => {
    const { id: recipientId } = insertPerson(db, {
      roles: ['inspector'],
      email: 'hnunez@stps.example.mx',
      fullName: 'Héctor Núñez',
      curp: null,
    });
    useSmtp(await closedPort());
    const id = queueMessage(db, { to: 'hnunez@stps.example.mx', subject: 'Su acceso a Aula', body: 'Enlace' });
    await deliverMessages(db, [id]);

    const smtp = await startSmtpServer();
    servers.push(smtp.server);
    useSmtp(smtp.port);
    const result = await retryMessage(db, { messageId: id, actorId: admin.id });
    expect(result).toEqual({ sent: true, error: null, to: 'hnunez@stps.example.mx' });
    expect(smtp.received).toHaveLength(1);
    expect(getOutboxMessage(db, id)).toMatchObject({ error: null, sentAt: expect.any(Date) });

    const [entry] = listAuditEntries(db, { action: 'mail.retried' }).entries;
    expect(entry).toMatchObject({ actorName: 'Leticia Ramírez Ocampo', subjectUserId: recipientId });
    expect(entry && sentenceText(auditSentence(entry))).toBe(
      'Leticia Ramírez Ocampo reintentó enviar el correo «Su acceso a Aula» a hnunez@stps.example.mx, y esta vez se envió.',
    );

    // Sent now: a second retry would deliver it twice.
    expect(await asyncCodeOf(() => retryMessage(db, { messageId: id, actorId: admin.id }))).toBe('outbox.retry.notFailed');
    expect(smtp.received).toHaveLength(1);
  });

  test('two admins retrying the same message at once send it once', async () => {
    useSmtp(await closedPort());
    const id = queueMessage(db, { to: 'a@x.mx', subject: 'Hola', body: '.' });
    await deliverMessages(db, [id]);
    const smtp = await startSmtpServer();
    servers.push(smtp.server);
    useSmtp(smtp.port);
    const outcomes = await Promise.allSettled([
      retryMessage(db, { messageId: id, actorId: admin.id }),
      retryMessage(db, { messageId: id, actorId: admin.id }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(smtp.received).toHaveLength(1);
    expect(listAuditEntries(db, { action: 'mail.retried' }).total).toBe(1);
  });

  test('refuses to retry a message that never failed, or without a server', async () => {
    const pending = queueMessage(db, { to: 'a@x.mx', subject: 'Hola', body: '.' });
    expect(await asyncCodeOf(() => retryMessage(db, { messageId: pending, actorId: admin.id }))).toBe('outbox.retry.notFailed');
    expect(await asyncCodeOf(() => retryMessage(db, { messageId: 999_999, actorId: admin.id }))).toBe('outbox.notFound');

    useSmtp(await closedPort());
    const failed = queueMessage(db, { to: 'a@x.mx', subject: 'Hola', body: '.' });
    await deliverMessages(db, [failed]);
    delete process.env.SMTP_HOST;
    expect(await asyncCodeOf(() => retryMessage(db, { messageId: failed, actorId: admin.id }))).toBe('outbox.retry.notConfigured');
    expect(listAuditEntries(db, { action: 'mail.retried' }).total).toBe(0);
  });

  test('"Probar SMTP" says when no server is configured, and sends nothing', async () => {
    expect(await sendTestMessage(db, admin)).toEqual({ status: 'notConfigured' });
    expect(listOutbox(db).total).toBe(0);
  });

  test('"Probar SMTP" sends to the admin’s own address and reports success, or the server’s refusal explained', async () => {
    const smtp = await startSmtpServer();
    servers.push(smtp.server);
    useSmtp(smtp.port);
    expect(await sendTestMessage(db, admin)).toEqual({ status: 'sent', to: admin.email, server: `127.0.0.1:${smtp.port}` });
    expect(smtp.received[0]).toContain('Subject: Prueba de correo de Aula');
    expect(smtp.received[0]).toContain(`To: ${admin.email}`);

    const refusing = await startSmtpServer({ refuse: true });
    servers.push(refusing.server);
    useSmtp(refusing.port);
    const result = await sendTestMessage(db, admin);
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.error).toContain('El servidor no aceptó el remitente o el destinatario.');
    expect(countOutboxByState(db)).toEqual({ pending: 0, sent: 1, failed: 1 });
  });
});
