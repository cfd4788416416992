import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'aula-quiz-import-xml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['scripts/quiz-import.ts', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const BANK = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Módulo 7/Actas</text></category></question>
  <question type="truefalse">
    <name><text>Acta con plano</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>El plano del centro de trabajo se anexa al acta.</p><img src="@@PLUGINFILE@@/plano%20planta.png" alt="Plano">]]></text>
      <file name="plano planta.png" path="/" encoding="base64">${PNG}</file>
    </questiontext>
    <answer fraction="100"><text>true</text><feedback><text>Sí, como anexo.</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>Revise el formato del acta.</text></feedback></answer>
  </question>
</quiz>
`;

// Each run starts Node and loads the quiz schema: seconds on a busy machine.
describe('npm run quiz:import with Moodle XML', { timeout: 60_000 }, () => {
  test('writes quiz.yaml and the embedded images beside it, at the paths the questions cite', () => {
    const file = join(dir, 'banco.xml');
    writeFileSync(file, BANK);
    const folder = join(dir, 'modulo');
    mkdirSync(folder);
    const out = join(folder, 'quiz.yaml');
    const { status, stderr } = run(file, '--out', out);
    expect(status).toBe(0);
    expect(stderr).toContain('1 pregunta: 1 convertida, 0 no convertidas.');
    const quiz = quizSchema.parse(parse(readFileSync(out, 'utf8')));
    expect(quiz.pools[0]?.title).toBe('Módulo 7 / Actas');
    expect(quiz.pools[0]?.questions[0]?.prompt).toContain('<img src="media/acta-con-plano-plano-planta.png"');
    expect(readFileSync(join(folder, 'media/acta-con-plano-plano-planta.png'))).toEqual(Buffer.from(PNG, 'base64'));
  });

  test("written into a module's folder, points the questions at the module's media address", () => {
    const file = join(dir, 'banco-modulo.xml');
    writeFileSync(file, BANK);
    const folder = join(dir, 'content', 'modules', '07-herramientas');
    mkdirSync(folder, { recursive: true });
    const out = join(folder, 'quiz.yaml');
    expect(run(file, '--out', out).status).toBe(0);
    const quiz = quizSchema.parse(parse(readFileSync(out, 'utf8')));
    expect(quiz.pools[0]?.questions[0]?.prompt).toContain(
      '<img src="/diplomado/07-herramientas/evaluacion/media/acta-con-plano-plano-planta.png"',
    );
    expect(existsSync(join(folder, 'media/acta-con-plano-plano-planta.png'))).toBe(true);
  });

  test('reads a file without .xml as Moodle XML when it opens like XML', () => {
    const file = join(dir, 'exportacion-moodle');
    writeFileSync(file, BANK);
    const { status, stdout, stderr } = run(file);
    expect(status).toBe(0);
    expect(quizSchema.safeParse(parse(stdout)).success).toBe(true);
    expect(stderr).toContain('1 imágenes no se escribieron: use --out');
  });

  test('lists the questions it cannot convert with line and name, writes nothing, and exits 2', () => {
    const out = join(dir, 'no.yaml');
    const { status, stderr } = run('tests/fixtures/moodle-xml/banco-completo.xml', '--out', out);
    expect(status).toBe(2);
    expect(stderr).toContain('tests/fixtures/moodle-xml/banco-completo.xml:395 «Multa calculada»: las preguntas calculadas');
    expect(stderr).toContain('13 preguntas: 10 convertidas, 3 no convertidas.');
    expect(existsSync(out)).toBe(false);
  });

  test('a malformed file: its line, and exit 2', () => {
    const file = join(dir, 'roto.xml');
    writeFileSync(file, '<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n</quiz>\n');
    const { status, stderr } = run(file);
    expect(status).toBe(2);
    expect(stderr).toContain(`${file}:4: El XML está mal formado en la línea 4`);
  });
});
