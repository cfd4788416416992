import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compileShell, fillShell, gzipShell, ShellCache, slotMark } from '../../src/lib/server/shell/page-shell.ts';
import { personal } from '../../src/lib/server/shell/personal.ts';

const body = '<h2 id="mandato">Mandato</h2><p>Artículo 540 de la LFT: vigilar el cumplimiento de las normas de trabajo…</p>'.repeat(300);
const html = `<!doctype html><html lang="es-MX"><body><span>Sesión de ${slotMark('signedInAs')}</span><div data-user="${slotMark('userId')}"></div>${body}<p>${slotMark('engagedText')}</p></body></html>`;
const values = { signedInAs: 'Ana Pérez', userId: '42', engagedText: 'Tiempo de estudio registrado: 3 de 20 min.' };
const expected = `<!doctype html><html lang="es-MX"><body><span>Sesión de Ana Pérez</span><div data-user="42"></div>${body}<p>Tiempo de estudio registrado: 3 de 20 min.</p></body></html>`;

describe('a page shell', () => {
  it('is filled with each request’s values, plain and gzipped alike', () => {
    const shell = compileShell(html);
    expect(shell.slots).toEqual(['signedInAs', 'userId', 'engagedText']);
    expect(fillShell(shell, values).toString()).toBe(expected);
    expect(gunzipSync(gzipShell(shell, values)).toString()).toBe(expected);
  });

  it('escapes values as Astro escapes text and attributes', () => {
    const shell = compileShell(`<p title="${slotMark('signedInAs')}">${slotMark('signedInAs')}</p>`);
    const name = `Ana <b>"Tere"</b> & O'Neil`;
    const escaped = 'Ana &lt;b&gt;&quot;Tere&quot;&lt;/b&gt; &amp; O&#39;Neil';
    expect(fillShell(shell, { signedInAs: name }).toString()).toBe(`<p title="${escaped}">${escaped}</p>`);
    expect(gunzipSync(gzipShell(shell, { signedInAs: name })).toString()).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it('compresses the shell once: a response is about the size of the shell’s own gzip', () => {
    const shell = compileShell(html);
    const gzipped = gzipShell(shell, values);
    const parts = shell.parts.reduce((sum, p) => sum + p.deflated.length, 0);
    // Header, trailer and the values stored as they are, around the kept deflate.
    expect(gzipped.length).toBeLessThan(parts + 120);
    expect(gzipped.length).toBeLessThan(Buffer.byteLength(expected) / 10);
  });

  it('stores values longer than one stored block and pages with no slots or only slots', () => {
    const long = 'ñ'.repeat(70_000);
    for (const text of [`${slotMark('a')}`, `x${slotMark('a')}${slotMark('a')}y`, '<p>sin huecos</p>', '']) {
      const shell = compileShell(text);
      const filled = text.replaceAll(slotMark('a'), long);
      expect(fillShell(shell, { a: long }).toString()).toBe(filled);
      expect(gunzipSync(gzipShell(shell, { a: long })).toString()).toBe(filled);
    }
  });

  it('refuses to fill a slot it has no value for', () => {
    expect(() => fillShell(compileShell(html), { signedInAs: 'Ana' })).toThrow(/userId/);
  });
});

describe('the shell cache', () => {
  it('keeps the most recently used shells', () => {
    const cache = new ShellCache(2);
    const shell = (n: number) => compileShell(`<p>${n}</p>`);
    cache.set('a', shell(1));
    cache.set('b', shell(2));
    cache.get('a');
    cache.set('c', shell(3));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.parts[0]?.bytes.toString()).toBe('<p>1</p>');
    expect(cache.get('c')).toBeDefined();
  });
});

describe('personal values', () => {
  it('are marks while a shell renders and the values otherwise', () => {
    const locals = { user: null, session: null } as App.Locals;
    expect(personal(locals, 'userId', 42)).toBe('42');
    expect(personal({ ...locals, renderingShell: true }, 'userId', 42)).toBe(slotMark('userId'));
  });
});
