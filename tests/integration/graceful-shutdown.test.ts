import { existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, trackRequests } from '../../scripts/lib/shutdown.mjs';
import { openDatabase } from '../../db/connection.ts';
import { closeDatabase } from '../../src/lib/server/db.ts';
import { createTestDb } from '../db.ts';
import { startServeWithStandIn } from '../serve-stand-in.ts';

type Reply = { status: number; body: string };

const agent = new http.Agent({ keepAlive: true });
let server: http.Server;

/** A real server: /lenta answers after 300 ms, /colgada never answers. */
async function startServer(onRequest: () => void): Promise<number> {
  server = http.createServer((req, res) => {
    onRequest();
    if (req.url === '/lenta') setTimeout(() => res.end('hecho'), 300);
  });
  trackRequests(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return (server.address() as AddressInfo).port;
}

function get(port: number, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

describe('closeServer', () => {
  it('finishes a request in flight, refuses new connections, and does not wait for keep-alive', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => {
      arrived = r;
    });
    const port = await startServer(() => arrived());
    const slow = get(port, '/lenta');
    await reached;

    const started = performance.now();
    const closed = closeServer(server, { graceMs: 5000 });
    await expect(get(port, '/lenta')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await slow).toEqual({ status: 200, body: 'hecho' });
    expect(await closed).toEqual({ cut: 0 });
    // The keep-alive connection (65 s in production) was closed as soon as it turned idle.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('cuts a request that does not finish within the grace period, and says so', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((r) => {
      arrived = r;
    });
    const port = await startServer(() => arrived());
    const hung = get(port, '/colgada');
    await reached;

    const started = performance.now();
    expect(await closeServer(server, { graceMs: 300 })).toEqual({ cut: 1 });
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(hung).rejects.toThrow();
  });
});

describe('closeDatabase', () => {
  it('checkpoints the write-ahead log into the file and closes it, even with another reader open', () => {
    const db = createTestDb();
    const path = db.$client.name;
    // Another connection (a backup, an sqlite3 shell) keeps SQLite from folding the log on close.
    const other = openDatabase(path);
    db.$client.exec('create table scratch (n integer); insert into scratch values (42);');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);

    closeDatabase(db);

    expect(db.$client.open).toBe(false);
    expect(statSync(`${path}-wal`).size).toBe(0);
    other.$client.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const reopened = openDatabase(path);
    expect(reopened.$client.prepare('select n from scratch').get()).toEqual({ n: 42 });
    reopened.$client.close();
  });
});

describe('serve on SIGTERM', () => {
  it("refuses an oversized body, answers the request in flight, closes the database through the bundle's closer, and exits 0", async () => {
    // A stand-in for dist/: an SSR handler that takes 500 ms and leaves a database closer, as
    // src/lib/server/db.ts does in the real bundle.
    const server = await startServeWithStandIn(
      `globalThis[Symbol.for('aula.closeDatabase')] = () => console.log('closer called');
export function handler(req, res) { setTimeout(() => res.end('hecho'), 500); }`,
    );
    const { port, exited } = server;

    // On the way: a body declared larger than the server takes never reaches the handler.
    const large = await new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/accion', method: 'POST', headers: { 'content-length': String(9 * 1024 * 1024) } },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', fail);
      req.write('x');
    });
    expect(large.status).toBe(413);
    expect(large.body).toContain('8 MB');

    const slow = get(port, '/lenta');
    await new Promise((r) => setTimeout(r, 100));
    server.stop();

    expect(await slow).toEqual({ status: 200, body: 'hecho' });
    expect(await exited).toBe(0);
    expect(server.output()).toContain('closer called');
    expect(server.output().indexOf('closer called')).toBeLessThan(server.output().indexOf('Aula se detuvo.'));
  });
});
