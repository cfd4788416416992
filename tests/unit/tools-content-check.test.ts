import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { checkTools } from '../../src/lib/server/content-check/tools.ts';

const root = mkdtempSync(join(tmpdir(), 'aula-tools-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'tools', 'checklists'), { recursive: true });

const item = (id: string) =>
  `  - id: ${id}\n    text: Punto ${id}\n    guidance: Qué pedir en la visita\n    legalBasis:\n      - { law: LFT, art: "12" }\n    redFlag: Señal de alerta\n`;
const checklist = (id: string, lesson: string) =>
  `id: ${id}\ntitle: Lista de prueba\nlesson: ${lesson}\nsummary: Una lista de prueba\nitems:\n${item('S-1')}${item('S-2')}${item('S-3')}`;

function run(lessons: Record<string, string>): string[] {
  const problems: string[] = [];
  const map = new Map(Object.entries(lessons).map(([id, body]) => [id, { file: `${id}.mdx`, body }]));
  checkTools(root, map, (file, _line, message) => problems.push(`${file}: ${message}`));
  return problems;
}

describe('content:check on the tools', () => {
  test('a checklist shown by its lesson passes', () => {
    writeFileSync(join(root, 'tools', 'checklists', 'prueba.yaml'), checklist('prueba', '07-m/01-l'));
    expect(run({ '07-m/01-l': 'texto\n<Checklist id="prueba" />\n' })).toEqual([]);
  });

  test('reports a lesson that does not show its checklist, an unknown <Checklist>, and a file named unlike its id', () => {
    writeFileSync(join(root, 'tools', 'checklists', 'prueba.yaml'), checklist('otra', '07-m/01-l'));
    const problems = run({ '07-m/01-l': 'texto\n<Checklist id="prueba" />\n' });
    expect(problems.join('\n')).toContain('debe llamarse otra.yaml');
    expect(problems.join('\n')).toContain('agregue <Checklist id="otra" />');
    expect(problems.join('\n')).toContain('lista desconocida "prueba"');
  });

  test('reports a lesson that does not exist, and invalid items', () => {
    writeFileSync(join(root, 'tools', 'checklists', 'prueba.yaml'), checklist('prueba', '07-m/09-x'));
    expect(run({}).join('\n')).toContain('lesson "07-m/09-x" no existe');
    writeFileSync(join(root, 'tools', 'checklists', 'prueba.yaml'), checklist('prueba', '07-m/01-l').replace('law: LFT', 'law: LEYX'));
    expect(run({ '07-m/01-l': '<Checklist id="prueba" />' }).join('\n')).toContain('ley desconocida');
  });
});
