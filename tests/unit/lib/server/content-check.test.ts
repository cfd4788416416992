import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkContent } from '../../../../src/lib/server/content-check/check.ts';

describe('checkContent', () => {
  test('accepts a valid course, including a draft that does not count toward hours', () => {
    expect(checkContent('tests/fixtures/content-good')).toEqual([]);
  });

  test('reports a broken link, a broken anchor, a missing alt text, an unknown term and wrong hours with file and line', () => {
    const problems = checkContent('tests/fixtures/content-bad').map((p) => `${p.file}:${p.line}: ${p.message}`);
    const lesson = 'tests/fixtures/content-bad/modules/01-primero/02-dos.mdx';
    expect(problems).toEqual([
      `${lesson}:15: término desconocido "salario-minimo": agréguelo a content/glossary.yaml o corrija el id`,
      `${lesson}:16: ancla rota: #tercera-seccion (no hay un encabezado con ese id en 01-primero/02-dos)`,
      `${lesson}:16: enlace roto: /diplomado/02-segundo/no-existe no es una lección, módulo ni página del diplomado`,
      `${lesson}:18: imagen sin texto alternativo: /media/diagrama.svg`,
      'tests/fixtures/content-bad/modules/01-primero/module.yaml:4: budget suma 2.5 h (estudio 2 + sesiones 0.5 + práctica 0 + evaluación 0) y el módulo declara 2 h',
      'tests/fixtures/content-bad/modules/02-segundo/module.yaml:5: las lecciones publicadas suman 1.5 h y budget.study declara 1 h',
    ]);
  });
});

describe('the real course', () => {
  test('passes every check: 10 modules whose lessons add up to exactly 120 hours', () => {
    expect(checkContent('content').map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });
});

describe('the program hours', () => {
  test('the ten modules of program.yaml declare 120 hours in all, split by source with room for live sessions and practice', () => {
    const program = parse(readFileSync('content/program.yaml', 'utf8')) as { totalHours: number; modules: string[] };
    const modules = program.modules.map(
      (slug) =>
        parse(readFileSync(`content/modules/${slug}/module.yaml`, 'utf8')) as {
          hours: number;
          budget: { study: number; live: number; practice: number; evaluation: number };
        },
    );
    const sum = (pick: (m: (typeof modules)[number]) => number) => modules.reduce((a, m) => a + pick(m), 0);
    expect(program.modules).toHaveLength(10);
    expect(program.totalHours).toBe(120);
    expect(sum((m) => m.hours)).toBe(120);
    expect(sum((m) => m.budget.study + m.budget.live + m.budget.practice + m.budget.evaluation)).toBe(120);
    // docs/decisions/014-hours-budget.md: self-study is most of the program, but not all of it.
    expect(sum((m) => m.budget.live)).toBe(22);
    expect(sum((m) => m.budget.practice)).toBe(19);
    expect(sum((m) => m.budget.evaluation)).toBe(10);
    for (const m of modules) expect(m.budget.evaluation).toBeGreaterThan(0);
  });
});
