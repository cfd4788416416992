import { describe, expect, test } from 'vitest';
import { isNeverStored, markOfflineCopy, OFFLINE_COPY_ATTRIBUTE, referencedAssets } from '../../../../src/lib/offline/cache-rules.ts';

describe('isNeverStored', () => {
  test('lessons, module pages and the glossary may be stored', () => {
    for (const path of [
      '/diplomado',
      '/diplomado/01-fundamentos-inspeccion',
      '/diplomado/01-fundamentos-inspeccion/01-funcion-de-la-inspeccion',
      '/diplomado/glosario',
    ]) {
      expect(isNeverStored(path)).toBe(false);
    }
  });

  test('the API, sign-in, quizzes, practice, certificates, exports and staff areas never are', () => {
    for (const path of [
      '/api/progreso',
      '/ingresar',
      '/diplomado/01-fundamentos-inspeccion/evaluacion',
      '/diplomado/01-fundamentos-inspeccion/evaluacion/intento/3',
      '/diplomado/practicas/12',
      '/diplomado/herramientas/focalizacion',
      '/constancias/5',
      '/credenciales/estado.json',
      '/coordinacion/generaciones/1/asistencia.csv',
      '/instructor',
      '/admin/auditoria',
      '/cuenta',
    ]) {
      expect(isNeverStored(path), path).toBe(true);
    }
  });
});

describe('markOfflineCopy', () => {
  test('puts the instant the copy was saved on <html>, once', () => {
    const marked = markOfflineCopy('<!doctype html><html lang="es-MX"><head></head></html>', new Date('2026-12-06T04:00:00Z'));
    expect(marked).toBe(`<!doctype html><html ${OFFLINE_COPY_ATTRIBUTE}="2026-12-06T04:00:00.000Z" lang="es-MX"><head></head></html>`);
  });
});

describe('referencedAssets', () => {
  test("finds a page's own images, styles and scripts, not links, other sites or data", () => {
    const html = `<link rel="stylesheet" href="/_astro/Layout.abc.css"><link rel="icon" href="/favicon.svg">
      <img src="/imagenes/planta.webp" alt=""><img src="https://example.com/x.png"><img src="//cdn.example.com/y.png">
      <script type="module" src="/_astro/page.def.js"></script><a href="/diplomado/glosario">Glosario</a>`;
    expect(referencedAssets(html)).toEqual(['/_astro/Layout.abc.css', '/favicon.svg', '/imagenes/planta.webp', '/_astro/page.def.js']);
  });
});
