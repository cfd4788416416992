import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../src/lib/content/quiz-schema.ts';
import { moduleSchema, programSchema } from '../src/lib/content/schemas.ts';
import { loadHoursPlanFromFiles } from '../src/lib/server/hours/plan-from-files.ts';
import type { StandingContext } from '../src/lib/server/hours/standing.ts';

/** What the pages take from the catalog to compute a standing, read from content files for tests. */
export function loadStandingContext(root = 'content'): Required<Omit<StandingContext, 'now'>> {
  const program = programSchema.parse(parse(readFileSync(join(root, 'program.yaml'), 'utf8')));
  const quizzes: { moduleSlug: string; quiz: Quiz }[] = [];
  const prerequisites = new Map<string, string[]>();
  for (const slug of program.modules) {
    const dir = join(root, 'modules', slug);
    prerequisites.set(slug, moduleSchema.parse(parse(readFileSync(join(dir, 'module.yaml'), 'utf8'))).prerequisites);
    if (existsSync(join(dir, 'quiz.yaml'))) {
      quizzes.push({ moduleSlug: slug, quiz: quizSchema.parse(parse(readFileSync(join(dir, 'quiz.yaml'), 'utf8'))) });
    }
  }
  return { plan: loadHoursPlanFromFiles(root), quizzes, prerequisites, certificate: program.certificate };
}
