import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { quizSchema } from './lib/content/quiz-schema.ts';
import { glossaryEntrySchema, lessonSchema, moduleSchema, programSchema } from './lib/content/schemas.ts';

/**
 * Astro keeps parsed entries in node_modules/.astro/data-store.json and clears it only when this
 * file changes, not when a schema it imports does: bump this after changing any schema in
 * src/lib/content/, or an older build's cache serves entries in the old shape.
 * Schemas revision: 2026-12-06 (quiz grading models, issue 16).
 */

/** The course lives in content/ as data that instructors author (DESIGN.md). */
const programs = defineCollection({
  loader: glob({ pattern: 'program.yaml', base: './content', generateId: () => 'program' }),
  schema: programSchema,
});

const modules = defineCollection({
  loader: glob({ pattern: '*/module.yaml', base: './content/modules', generateId: ({ entry }) => entry.split('/')[0] as string }),
  schema: moduleSchema,
});

/**
 * A lesson's id is "<module-folder>/<file>", e.g. "04-subcontratacion/01-articulos-12-15". The raw
 * bodies stay out of the server bundle (read from dist/ by the pages that need them: lesson-sources.ts).
 */
const lessons = defineCollection({
  loader: glob({
    pattern: '*/*.mdx',
    base: './content/modules',
    retainBody: false,
    generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
  }),
  schema: lessonSchema,
});

/** A module's assessment: content/modules/<module>/quiz.yaml, id = the module's folder. */
const quizzes = defineCollection({
  loader: glob({ pattern: '*/quiz.yaml', base: './content/modules', generateId: ({ entry }) => entry.split('/')[0] as string }),
  schema: quizSchema,
});

const glossary = defineCollection({
  loader: file('./content/glossary.yaml'),
  schema: glossaryEntrySchema,
});

export const collections = { programs, modules, lessons, quizzes, glossary };
