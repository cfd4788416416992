import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkPendingNotes, describePendingNotes, MAX_PENDING_WORDS } from '../../../../src/lib/server/content-check/pending-notes.ts';

const dir = mkdtempSync(join(tmpdir(), 'aula-pending-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a lesson and returns its pending-note count and the problems reported, as `line: message`. */
function check(text: string): { count: number; problems: string[] } {
  const file = join(dir, 'leccion.mdx');
  writeFileSync(file, text);
  const problems: string[] = [];
  const count = checkPendingNotes(file, (_f, line, message) => problems.push(`${line}: ${message}`));
  return { count, problems };
}

const frontmatter = '---\ntitle: "Lección"\n---\n';

describe('pending notes in a lesson (issue 16)', () => {
  test('counts each <Callout type="pendiente">, and no other callout', () => {
    const { count, problems } = check(
      `${frontmatter}Texto.\n\n<Callout type="pendiente">\nNo se ha confirmado el artículo.\n</Callout>\n\n<Callout type="nota" title="Dato">Hecho.</Callout>\n\n<Callout type="pendiente" title="Plazos">Falta el texto.</Callout>\n`,
    );
    expect(problems).toEqual([]);
    expect(count).toBe(2);
  });

  test('refuses the old «Por verificar» box, and the phrase in running text or in the frontmatter, with its line', () => {
    const { count, problems } = check(
      `---\ntitle: "Lección"\nsources: [{ title: "Nota", note: "dato por verificar" }]\n---\nTexto.\n\n<Callout type="advertencia" title="Por verificar">\nFecha sin fuente.\n</Callout>\n\nEl artículo (artículos por verificar).\n`,
    );
    expect(count).toBe(0);
    expect(problems.map((p) => p.split(':')[0])).toEqual(['3', '7', '11']);
    expect(problems[1]).toMatch(/«Por verificar» ya no se usa: .*<Callout type="pendiente">/);
  });

  test('refuses a pending note longer than a short hedge', () => {
    const long = Array.from({ length: MAX_PENDING_WORDS + 1 }, () => 'palabra').join(' ');
    const ok = Array.from({ length: MAX_PENDING_WORDS }, () => 'palabra').join(' ');
    expect(check(`${frontmatter}\n<Callout type="pendiente">${ok}</Callout>\n`).problems).toEqual([]);
    expect(check(`${frontmatter}\n<Callout type="pendiente">\n${long}\n</Callout>\n`).problems).toEqual([
      `5: la precisión pendiente tiene ${MAX_PENDING_WORDS + 1} palabras; una nota pendiente dice en ${MAX_PENDING_WORDS} o menos qué falta`,
    ]);
  });

  test('says the count in Spanish, singular where it applies', () => {
    expect(describePendingNotes({ notes: 16, lessons: 14 })).toBe('16 precisiones pendientes en 14 lecciones.');
    expect(describePendingNotes({ notes: 1, lessons: 1 })).toBe('1 precisión pendiente en 1 lección.');
    expect(describePendingNotes({ notes: 0, lessons: 0 })).toBe('0 precisiones pendientes.');
  });
});
