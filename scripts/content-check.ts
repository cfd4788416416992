// npm run content:check [-- DIR]: checks the course in content/ (or DIR) and prints file:line
// messages; exits 1 on any problem. CI runs it through npm test.
import { checkContent } from '../src/lib/server/content-check/check.ts';

const root = process.argv[2] ?? 'content';
const notes: string[] = [];
const problems = checkContent(root, notes);
for (const note of notes) console.log(note);
for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} ${problems.length === 1 ? 'problema' : 'problemas'} en ${root}/.`);
  process.exit(1);
}
console.log(`Contenido de ${root}/ sin problemas.`);
