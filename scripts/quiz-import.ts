// npm run quiz:import -- banco.gift [--out content/modules/NN-slug/quiz.yaml] [--title "Evaluación…"]
// Converts a Moodle question bank into Aula's quiz format. Each question it cannot convert is
// printed as `file:line «name»: reason` and nothing is written (exit code 2); notes (converted,
// but worth a look) are printed too. Exit code 1: bad arguments, an unreadable file, no questions.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { quizSchema } from '../src/lib/content/quiz-schema.ts';
import { type BankImport, describeIssue, summarizeImport, toQuiz, toQuizYaml } from '../src/lib/server/quizzes/bank-import.ts';
import { importGift } from '../src/lib/server/quizzes/gift-import.ts';

const USAGE = 'Uso: npm run quiz:import -- archivo.gift [--out content/modules/NN-slug/quiz.yaml] [--title "Evaluación…"]';

/** The reader for the file's type. */
function readBank(file: string, bytes: Uint8Array): BankImport {
  if (!/\.(gift|txt)$/i.test(file)) throw new Error(`no sé leer «${basename(file)}»: use un archivo GIFT (.gift o .txt)`);
  return importGift(bytes);
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
const yaml = toQuizYaml(bank, title);
if (args.values.out) writeFileSync(args.values.out, yaml);
else process.stdout.write(yaml);
