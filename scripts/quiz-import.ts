// npm run quiz:import -- banco.gift|banco.xml [--out content/modules/NN-slug/quiz.yaml] [--title "Evaluación…"]
// Converts a Moodle question bank (GIFT or Moodle XML) into Aula's quiz format; the images a
// Moodle XML bank embeds are written beside the --out file (media/…). Each question it cannot
// convert is printed as `file:line «name»: reason` and nothing is written (exit code 2); notes
// (converted, but worth a look) are printed too. Exit code 1: bad arguments, an unreadable file, no questions.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quizSchema } from '../src/lib/content/quiz-schema.ts';
import { type BankImport, describeIssue, summarizeImport, toQuiz, toQuizYaml } from '../src/lib/server/quizzes/bank-import.ts';
import { importGift } from '../src/lib/server/quizzes/gift-import.ts';
import { importMoodleXml, looksLikeMoodleXml } from '../src/lib/server/quizzes/moodle-xml-import.ts';
import { quizMediaUrl } from '../src/lib/server/quizzes/quiz-media.ts';

const USAGE = 'Uso: npm run quiz:import -- archivo.gift|archivo.xml [--out content/modules/NN-slug/quiz.yaml] [--title "Evaluación…"]';

/** The reader for the file's type: by its extension, or XML when it opens like XML. */
function readBank(file: string, bytes: Uint8Array): BankImport {
  if (/\.xml$/i.test(file)) return importMoodleXml(bytes);
  if (/\.(gift|txt)$/i.test(file)) return importGift(bytes);
  if (looksLikeMoodleXml(bytes)) return importMoodleXml(bytes);
  throw new Error(`no sé leer «${basename(file)}»: use un archivo GIFT (.gift o .txt) o Moodle XML (.xml)`);
}

function parse() {
  return parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, title: { type: 'string' } } });
}

let args: ReturnType<typeof parse>;
try {
  args = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
const file = args.positionals[0];
if (!file || args.positionals.length > 1) {
  console.error(USAGE);
  process.exit(1);
}

let bank: BankImport;
try {
  bank = readBank(file, readFileSync(file));
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  console.error(e.code === 'ENOENT' ? `No existe el archivo ${file}.` : `No se pudo leer ${file}: ${e.message}`);
  process.exit(1);
}

for (const p of bank.problems) console.error(describeIssue(file, p));
for (const n of bank.notes) console.error(`${describeIssue(file, n)} (nota)`);
console.error(summarizeImport(bank));
if (bank.problems.length > 0) {
  console.error('No se escribió nada: corrija las preguntas no convertidas y vuelva a importar.');
  process.exit(2);
}
if (bank.questionCount === 0) {
  console.error(`${file} no tiene preguntas.`);
  process.exit(1);
}

const title = args.values.title ?? `Evaluación importada de ${basename(file)}`;
const checked = quizSchema.safeParse(toQuiz(bank, title));
if (!checked.success) {
  for (const issue of checked.error.issues) console.error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const out = args.values.out;
const yaml = out ? pointImagesAtModule(toQuizYaml(bank, title), bank.assets, out) : toQuizYaml(bank, title);
if (out) {
  writeFileSync(out, yaml);
  // Paths are relative to quiz.yaml, as the questions' texts cite them.
  for (const asset of bank.assets) {
    const path = join(dirname(out), asset.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, asset.bytes);
  }
  if (bank.assets.length > 0) console.error(`${bank.assets.length} imágenes escritas en ${join(dirname(out), 'media')}.`);
} else {
  process.stdout.write(yaml);
  if (bank.assets.length > 0)
    console.error(`${bank.assets.length} imágenes no se escribieron: use --out para guardarlas junto al quiz.yaml.`);
}

/**
 * Written into a module's folder (content/modules/<module>/quiz.yaml), the questions' images are
 * served at /diplomado/<module>/evaluacion/media/<file> (quiz-media.ts): the texts say so, since a
 * path relative to quiz.yaml means nothing to the pages that show a question.
 */
function pointImagesAtModule(yaml: string, assets: readonly { path: string }[], outFile: string): string {
  const folder = basename(dirname(resolve(outFile)));
  if (basename(dirname(dirname(resolve(outFile)))) !== 'modules' || assets.length === 0) return yaml;
  let text = yaml;
  for (const { path } of assets) {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`(?<=["'(=])${escaped}`, 'g'), quizMediaUrl(folder, basename(path)));
  }
  return text;
}
