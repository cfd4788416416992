import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getCollection } from 'astro:content';
import { LESSON_HTML_PREFIX } from './lesson-html.ts';

export interface LessonSource {
  id: string;
  title: string;
  draft: boolean;
  /** The raw MDX body (without frontmatter). */
  body: string;
}

/**
 * The lessons collection keeps no bodies in the server bundle (retainBody: false in
 * src/content.config.ts): ~0.8 MB of MDX that every start parsed and held, for two pages. They
 * are written once at build time to this file (src/pages/lesson-html/sources.json.ts), which
 * scripts/lib/serve.mjs never serves, and read on the first visit to those pages
 * (docs/decisions/024-performance-at-default-settings.md).
 */
export const LESSON_SOURCES_PATH = `${LESSON_HTML_PREFIX}sources.json`;
const sourcesFile = new URL(`../../client${LESSON_SOURCES_PATH}`, import.meta.url);

/** A lesson file's text after its frontmatter (--- … ---). */
export function lessonBody(text: string): string {
  const frontmatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(text);
  return frontmatter ? text.slice(frontmatter[0].length) : text;
}

/** Every lesson with its body read from its MDX file (at build time, and in development). */
export async function readLessonSources(): Promise<LessonSource[]> {
  const entries = await getCollection('lessons');
  return Promise.all(
    entries.map(async (e) => ({
      id: e.id,
      title: e.data.title,
      draft: e.data.draft,
      body: lessonBody(await readFile(e.filePath as string, 'utf8')),
    })),
  );
}

let sources: Promise<LessonSource[]> | undefined;

/** Lesson bodies as written, for the legal index and search; read once per process. */
export function getLessonSources(): Promise<LessonSource[]> {
  if (import.meta.env.DEV) return readLessonSources();
  sources ??= readFile(fileURLToPath(sourcesFile), 'utf8').then((json) => JSON.parse(json) as LessonSource[]);
  return sources;
}
