import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { quizSchema } from '../../content/quiz-schema.ts';
import { lessonSchema, moduleSchema, programSchema } from '../../content/schemas.ts';
import { splitFrontmatter } from '../../content/frontmatter.ts';
import { type HoursPlan, hoursPlanFrom } from './plan.ts';

/**
 * The hours plan read straight from content files, for scripts (the demo seed) and tests, which
 * run outside Astro. The server builds the same plan from its catalog (hours/server-plan.ts);
 * `npm run content:check` has already rejected files these schemas would not parse.
 */
export function loadHoursPlanFromFiles(root = 'content'): HoursPlan {
  const program = programSchema.parse(parse(readFileSync(join(root, 'program.yaml'), 'utf8')));
  const quizzes = new Map<string, { grading: 'highest' | 'last' | 'average'; passingScore: number }>();
  const modules = program.modules.map((slug) => {
    const dir = join(root, 'modules', slug);
    const data = moduleSchema.parse(parse(readFileSync(join(dir, 'module.yaml'), 'utf8')));
    const quizFile = join(dir, 'quiz.yaml');
    if (existsSync(quizFile)) {
      const quiz = quizSchema.parse(parse(readFileSync(quizFile, 'utf8')));
      quizzes.set(slug, { grading: quiz.grading, passingScore: quiz.passingScore });
    }
    const lessons = readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .sort()
      .map((file) => {
        const text = readFileSync(join(dir, file), 'utf8');
        const frontmatter = splitFrontmatter(text)?.frontmatter ?? '';
        const lesson = lessonSchema.parse(parse(frontmatter));
        return { id: `${slug}/${basename(file, '.mdx')}`, hours: lesson.hours, draft: lesson.draft, order: lesson.order };
      })
      .sort((a, b) => a.order - b.order);
    return { ...data, slug, lessons };
  });
  return hoursPlanFrom(program, modules, quizzes);
}
