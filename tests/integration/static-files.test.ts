import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startServeWithStandIn } from '../serve-stand-in.ts';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('static files', () => {
  it('are served from memory, gzipped for clients that take it, with one ETag and Vary on both variants', async () => {
    const css = `${'.lesson p { margin-block: 0.75rem; color: #1f2933; }\n'.repeat(40)}`;
    const server = await startServeWithStandIn(`export function handler(req, res) { res.statusCode = 404; res.end('no'); }`, {
      files: { 'estilo.css': css, 'corto.txt': 'hola' },
    });
    const { port } = server;
    try {
      // The first request for the file is one without gzip: the variant is made on demand all the same.
      const plain = await get(port, '/estilo.css');
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(css);

      const zipped = await get(port, '/estilo.css', { 'Accept-Encoding': 'gzip, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(css.length / 4);
      expect(gunzipSync(zipped.body).toString()).toBe(css);
      expect(zipped.headers.etag).toBe(plain.headers.etag);

      const again = await get(port, '/estilo.css', { 'If-None-Match': String(plain.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);

      // Too small to be worth compressing: sent as is, without Vary.
      const short = await get(port, '/corto.txt', { 'Accept-Encoding': 'gzip' });
      expect(short.headers['content-encoding']).toBeUndefined();
      expect(short.headers.vary).toBeUndefined();
      expect(short.body.toString()).toBe('hola');
    } finally {
      server.stop();
      await server.exited;
    }
  });
});
