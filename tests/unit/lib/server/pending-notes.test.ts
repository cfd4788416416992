import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../../../src/lib/server/content-check/check.ts';
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

describe('npm run content:check on pending notes', () => {
  const root = join(dir, 'curso');
  cpSync('tests/fixtures/content-good', root, { recursive: true });
  const lesson = join(root, 'modules', '01-primero', '02-dos.mdx');
  const original = readFileSync(lesson, 'utf8');

  function run(append: string): { notes: string[]; problems: string[] } {
    writeFileSync(lesson, `${original}\n${append}\n`);
    try {
      const notes: string[] = [];
      const problems = checkContent(root, notes).map((p) => `${p.file.split('/').pop()}:${p.line}: ${p.message}`);
      return { notes: notes.filter((n) => /pendiente/.test(n)), problems };
    } finally {
      writeFileSync(lesson, original);
    }
  }

  test('counts the notes of the course and the lessons that have them', () => {
    const two =
      '<Callout type="pendiente">\nNo se ha confirmado el artículo.\n</Callout>\n\n<Callout type="pendiente">Falta la fecha.</Callout>';
    expect(run(two)).toEqual({ notes: ['2 precisiones pendientes en 1 lección.'], problems: [] });
    expect(run('Sin notas.')).toEqual({ notes: ['0 precisiones pendientes.'], problems: [] });
  });

  test('fails on the old «Por verificar» box, naming the file and line', () => {
    const line = original.split('\n').length + 1;
    const { problems } = run('<Callout type="advertencia" title="Por verificar">\nFecha sin fuente.\n</Callout>');
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^02-dos\\.mdx:${line}: «Por verificar» ya no se usa`))]);
  });

  test('the real course has no «Por verificar» left, and says how many points stay open', () => {
    const notes: string[] = [];
    expect(checkContent('content', notes).filter((p) => /verificar|pendiente/i.test(p.message))).toEqual([]);
    expect(notes).toContainEqual(expect.stringMatching(/^\d+ precisiones pendientes en \d+ lecciones\.$/));
  });
});

describe('the npm run content:check command', () => {
  test('prints how many pending notes the course has, and fails on «Por verificar» with file and line', () => {
    const root = join(dir, 'curso-cli');
    cpSync('tests/fixtures/content-good', root, { recursive: true });
    const lesson = join(root, 'modules', '02-segundo', '01-unica.mdx');
    const run = () => spawnSync(process.execPath, ['scripts/content-check.ts', root], { encoding: 'utf8' });
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n<Callout type="pendiente">Falta la fecha.</Callout>\n`);
    const ok = run();
    expect(ok.stdout).toContain('1 precisión pendiente en 1 lección.');
    expect(ok.status).toBe(0);
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\n<Callout type="advertencia" title="Por verificar">Fecha.</Callout>\n`);
    const refused = run();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/01-unica\.mdx:\d+: «Por verificar» ya no se usa/);
  });
});
