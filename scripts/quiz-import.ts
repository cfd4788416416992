// npm run quiz:import -- banco.gift [--out content/modules/NN-slug/quiz.yaml]
// Converts a Moodle GIFT file into Aula's quiz format; prints `file:line: reason` for every
// question it cannot convert (exit code 2), and notes for those that need a review.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { quizSchema } from '../src/lib/content/quiz-schema.ts';
import { importGift } from '../src/lib/server/quizzes/gift-import.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, title: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('Uso: npm run quiz:import -- archivo.gift [--out content/modules/NN-slug/quiz.yaml] [--title "Evaluación…"]');
  process.exit(1);
}
const { pools, problems, notes } = importGift(readFileSync(file, 'utf8'));
for (const p of problems) console.error(`${file}:${p.line}: no convertida: ${p.message}`);
for (const n of notes) console.error(`${file}:${n.line}: nota: ${n.message}`);
const quiz = {
  title: values.title ?? `Evaluación importada de ${basename(file)}`,
  passingScore: 0.7,
  attempts: 3,
  grading: 'highest',
  draw: pools.map((p) => ({ pool: p.id, count: p.questions.length })),
  pools,
};
const checked = quizSchema.safeParse(quiz);
if (!checked.success) {
  for (const issue of checked.error.issues) console.error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const yaml = stringify(quiz, { lineWidth: 0 });
if (values.out) writeFileSync(values.out, yaml);
else process.stdout.write(yaml);
const converted = pools.reduce((n, p) => n + p.questions.length, 0);
console.error(`${converted} preguntas convertidas, ${problems.length} no convertidas.`);
process.exit(problems.length > 0 ? 2 : 0);
