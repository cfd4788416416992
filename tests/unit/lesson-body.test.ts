import { constants, deflateRawSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fillStaticParts, gzipWithStaticParts, type StaticPart, staticPartMarker } from '../../src/lib/server/course/lesson-body.ts';

function part(html: string): StaticPart {
  const bytes = Buffer.from(html);
  return { html, bytes, deflated: deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }) };
}

const body = '<h2 id="mandato">Mandato</h2><p>Artículo 540 de la LFT: vigilar el cumplimiento de las normas de trabajo…</p>'.repeat(200);
const statics = [part(body), part('<p>Después de la lista: ñandú, acción, «comillas».</p>')];
const page = `<!DOCTYPE html><html lang="es-MX"><body><h1>Función de la inspección</h1>${staticPartMarker(0)}<form>lista de Ana</form>${staticPartMarker(1)}<footer>Aula</footer></body></html>`;

describe('a lesson page assembled around its prerendered body', () => {
  it('gunzips to exactly the page with its parts written in', () => {
    const filled = fillStaticParts(page, statics);
    expect(filled).toContain(body);
    expect(filled).not.toContain('aula-parte');
    expect(gunzipSync(gzipWithStaticParts(page, statics, 1)).toString()).toBe(filled);
  });

  it('is a valid gzip stream with no parts, with parts at either end, and with empty text between', () => {
    const cases = [
      '<p>sin cuerpo</p>',
      `${staticPartMarker(0)}<p>al final</p>`,
      `<p>al principio</p>${staticPartMarker(1)}`,
      `${staticPartMarker(0)}${staticPartMarker(1)}`,
    ];
    for (const text of cases) expect(gunzipSync(gzipWithStaticParts(text, statics, 1)).toString()).toBe(fillStaticParts(text, statics));
  });

  it('leaves a marker with no part of its number as it is', () => {
    const text = `<p>a</p>${staticPartMarker(7)}<p>b</p>`;
    expect(fillStaticParts(text, statics)).toBe(text);
    expect(gunzipSync(gzipWithStaticParts(text, statics, 1)).toString()).toBe(text);
  });

  it('sends the prerendered body compressed once, smaller than the page compressed per request at level 1', () => {
    const filled = fillStaticParts(page, statics);
    const assembled = gzipWithStaticParts(page, statics, 1);
    expect(assembled.length).toBeLessThan(deflateRawSync(Buffer.from(filled), { level: 1 }).length);
  });
});
