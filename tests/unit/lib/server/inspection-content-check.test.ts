import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkContent } from '../../../../src/lib/server/content-check/check.ts';

/** npm run content:check on practice inspections: a copy of the course with one scenario edited. */
const root = mkdtempSync(join(tmpdir(), 'aula-inspections-'));
cpSync('content', root, { recursive: true });
const file = join(root, 'tools', 'inspections', 'arneses-lerma.yaml');
const original = readFileSync(file, 'utf8');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function problemsAfter(edit: (yaml: string) => string): string[] {
  writeFileSync(file, edit(original));
  try {
    return checkContent(root)
      .filter((p) => p.file.endsWith('arneses-lerma.yaml'))
      .map((p) => `${p.line}: ${p.message}`);
  } finally {
    writeFileSync(file, original);
  }
}

describe('content:check on practice inspections', () => {
  test('the three scenarios as committed have no problems', () => {
    expect(problemsAfter((y) => y)).toEqual([]);
  });

  test('an article no lesson cites is not in the legal index', () => {
    const problems = problemsAfter((y) => y.replace('basis: ["LFT, art. 127"]', 'basis: ["LFT, art. 9999"]'));
    expect(problems).toEqual([
      expect.stringMatching(/«LFT, art\. 9999» no está en el índice legal/),
      // …nor in the law in force (content/legal/articles.json, issue 16).
      expect.stringMatching(/«LFT, art\. 9999»: la LFT no tiene artículo 9999/),
    ]);
  });

  test('a citation not written as inspectors write it is a schema error', () => {
    expect(problemsAfter((y) => y.replace('basis: ["LFT, art. 127"]', 'basis: ["art. 127 LFT"]')).join('\n')).toMatch(
      /escriba la cita como «LFT, art\. 133, fr\. XIV»/,
    );
  });

  test('a lesson or heading that does not exist is a broken link', () => {
    const problems = problemsAfter((y) => y.replace('#decisión-1-el-tipo-de-inspección"', '#no-existe"')).join('\n');
    expect(problems).toMatch(/ancla rota: 10-practica-integradora\/01-escenario-a-arneses-lerma#no-existe/);
    expect(
      problemsAfter((y) =>
        y.replace('lesson: 10-practica-integradora/01-escenario-a-arneses-lerma\n', 'lesson: 10-practica-integradora/09-no-existe\n'),
      ).join('\n'),
    ).toMatch(/lección desconocida "10-practica-integradora\/09-no-existe"/);
  }, 20_000);

  test('an employer not marked fictional, a slug unlike its file, an article both right and wrong', () => {
    expect(problemsAfter((y) => y.replace('fictional: true', 'fictional: false')).join('\n')).toMatch(/son ficticios/);
    expect(problemsAfter((y) => y.replace('slug: arneses-lerma', 'slug: arneses-toluca')).join('\n')).toMatch(
      /debe llamarse arneses-toluca\.yaml/,
    );
    expect(problemsAfter((y) => y.replace('distractors: ["LFT, art. 14"]', 'distractors: ["LFT, art. 12"]')).join('\n')).toMatch(
      /«LFT, art\. 12» está a la vez en basis y en distractors/,
    );
    // Three runs of the whole check over a copy of the course.
  }, 20_000);
});
