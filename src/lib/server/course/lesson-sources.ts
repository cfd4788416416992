import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type CollectionEntry, getCollection } from 'astro:content';
import { splitFrontmatter } from '../../content/frontmatter.ts';
import { CLIENT_DIR, LESSON_HTML_PREFIX } from './lesson-html.ts';

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
const sourcesFile = new URL(`.${LESSON_SOURCES_PATH}`, CLIENT_DIR);

/** A lesson's MDX body read from its file: the collection keeps none. */
export async function readLessonBody(entry: CollectionEntry<'lessons'>): Promise<string> {
  const text = await readFile(entry.filePath as string, 'utf8');
  return splitFrontmatter(text)?.body ?? text;
}

/** Every lesson with its body read from its MDX file (at build time, and in development). */
export async function readLessonSources(): Promise<LessonSource[]> {
  const entries = await getCollection('lessons');
  return Promise.all(entries.map(async (e) => ({ id: e.id, title: e.data.title, draft: e.data.draft, body: await readLessonBody(e) })));
}

let sources: Promise<LessonSource[]> | undefined;

/** Lesson bodies as written, for the legal index and search; read once per process. */
export function getLessonSources(): Promise<LessonSource[]> {
  if (import.meta.env.DEV) return readLessonSources();
  sources ??= readFile(fileURLToPath(sourcesFile), 'utf8').then((json) => JSON.parse(json) as LessonSource[]);
  return sources;
}
