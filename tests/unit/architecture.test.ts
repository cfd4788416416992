import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1] as string);
}

/** Data flows one way: page or action → lib/server → db (DESIGN.md, STYLE.md §1–2). */
describe('module boundaries', () => {
  test('lib/server never imports pages, actions or components', () => {
    const offenders = files('src/lib/server').filter((f) => importsOf(f).some((i) => /\/(pages|actions|components)\//.test(i)));
    expect(offenders).toEqual([]);
  });

  test('browser-safe code (src/lib outside server, components) never imports lib/server or the database', () => {
    const shared = files('src/lib').filter((f) => !f.includes('/server/'));
    const islands = files('src/components').filter((f) => f.endsWith('.tsx'));
    const offenders = [...shared, ...islands].filter((f) => importsOf(f).some((i) => /lib\/server|\/db\/|better-sqlite3|node:/.test(i)));
    expect(offenders).toEqual([]);
  });

  test('pages never write SQL or import the schema directly for queries', () => {
    const offenders = files('src/pages').filter(
      (f) => importsOf(f).some((i) => i === 'drizzle-orm' || i.endsWith('db/connection.ts')) && !f.endsWith('health.ts'),
    );
    expect(offenders).toEqual([]);
  });

  test('every CSV export goes through the one writer that neutralises formulas (issue #11)', () => {
    const offenders = [...files('src'), ...files('scripts')].filter(
      (f) => !f.endsWith('reports/csv-writer.ts') && importsOf(f).some((i) => i.startsWith('csv-stringify')),
    );
    expect(offenders).toEqual([]);
  });

  test('every XLSX export goes through the writer that shares the CSV neutralisation (issue #12)', () => {
    const offenders = [...files('src'), ...files('scripts')].filter(
      (f) => !f.endsWith('reports/xlsx-writer.ts') && importsOf(f).some((i) => i.startsWith('exceljs') || i.startsWith('xlsx')),
    );
    expect(offenders).toEqual([]);
  });
});
