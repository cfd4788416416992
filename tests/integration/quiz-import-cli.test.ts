import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'aula-quiz-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/quiz-import.ts', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each run starts Node and loads the quiz schema: seconds on a busy machine.
describe('npm run quiz:import', { timeout: 60_000 }, () => {
  test('writes a quiz.yaml the schema accepts, says what to review, and exits 0', () => {
    const out = join(dir, 'quiz.yaml');
    const { status, stderr } = run('tests/fixtures/gift/moodle-constructs.gift', '--out', out, '--title', 'Evaluación del módulo 4');
    expect(status).toBe(0);
    expect(stderr).toContain('41 preguntas: 41 convertidas, 0 no convertidas.');
    expect(stderr).toContain('tests/fixtures/gift/moodle-constructs.gift:122 «Ensayo»: ensayo importado con una rúbrica genérica');
    const quiz = parse(readFileSync(out, 'utf8'));
    expect(quiz.title).toBe('Evaluación del módulo 4');
    expect(quizSchema.safeParse(quiz).success).toBe(true);
  });

  test('prints the quiz to standard output when no --out is given', () => {
    const { status, stdout } = run('tests/fixtures/gift/moodle-constructs.gift');
    expect(status).toBe(0);
    expect(quizSchema.safeParse(parse(stdout)).success).toBe(true);
  });

  test('lists every question it cannot convert with line, name and reason, writes nothing, and exits 2', () => {
    const out = join(dir, 'no.yaml');
    const { status, stdout, stderr } = run('tests/fixtures/gift/problems.gift', '--out', out);
    expect(status).toBe(2);
    expect(stderr).toContain('tests/fixtures/gift/problems.gift:3 «Sin cierre»: las llaves');
    expect(stderr).toContain('tests/fixtures/gift/problems.gift:5 «Pegadas»: parecen 2 preguntas sin una línea en blanco');
    expect(stderr).toContain('13 preguntas: 4 convertidas, 9 no convertidas.');
    expect(existsSync(out)).toBe(false);
    expect(stdout).toBe('');
  });

  test('reads a Windows-1252 file and says so', () => {
    const file = join(dir, 'ansi.gift');
    // "::Año:: ¿Qué día es inhábil? {=domingo ~lunes}" with ñ=F1, ¿=BF, é=E9, í=ED, á=E1.
    writeFileSync(file, Buffer.from('::Año:: ¿Qué día es inhábil? {=domingo ~lunes}', 'latin1'));
    const { status, stdout, stderr } = run(file);
    expect(status).toBe(0);
    expect(stderr).toMatch(/ansi\.gift: El archivo no está en UTF-8: se leyó como Windows-1252/);
    expect(stdout).toContain('prompt: ¿Qué día es inhábil?');
  });

  test('exits 1 without a file, with a missing one, an unknown type, or one without questions', () => {
    expect(run().status).toBe(1);
    const missing = run(join(dir, 'no-existe.gift'));
    expect([missing.status, missing.stderr]).toEqual([1, expect.stringContaining('No existe el archivo')]);
    const xls = join(dir, 'banco.xls');
    writeFileSync(xls, 'x');
    expect(run(xls)).toMatchObject({ status: 1, stderr: expect.stringContaining('use un archivo GIFT') });
    const empty = join(dir, 'vacio.gift');
    writeFileSync(empty, '// solo un comentario\n');
    expect(run(empty)).toMatchObject({ status: 1, stderr: expect.stringContaining('no tiene preguntas') });
  });
});
