import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startServeWithStandIn } from '../serve-stand-in.ts';

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('request log', () => {
  it('writes one JSON line per page with method, route pattern, status, duration and user; never the address or a token', async () => {
    // A stand-in for dist/: the handler fills the locals in as src/middleware.ts does.
    const server = await startServeWithStandIn(
      `export function handler(req, res, next, locals) {
        locals.route = req.url.startsWith('/invitacion/') ? '/invitacion/[token]' : '/404';
        if (req.url.includes('secreto')) locals.user = { id: 7, fullName: 'Ana' };
        res.statusCode = locals.route === '/404' ? 404 : 200;
        res.end('hecho');
      }`,
      { files: { 'estilo.css': 'body{color:#222}' }, env: { LOG_LEVEL: 'info' } },
    );
    const { port } = server;

    expect(await get(port, '/invitacion/secreto-abc123?q=Hern%C3%A1ndez')).toBe(200);
    expect(await get(port, '/no-existe')).toBe(404);
    expect(await get(port, '/estilo.css')).toBe(200);
    server.stop();
    await server.exited;
    const output = server.output();

    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(lines.map(({ method, route, status, user }) => ({ method, route, status, user }))).toEqual([
      { method: 'GET', route: '/invitacion/[token]', status: 200, user: 7 },
      { method: 'GET', route: '/404', status: 404, user: null },
    ]);
    for (const line of lines) {
      expect(typeof line.ms).toBe('number');
      expect(Date.parse(line.time)).not.toBeNaN();
    }
    expect(output).not.toContain('secreto');
    expect(output).not.toContain('Hern');
    expect(output).not.toContain('Ana');
  });
});
