import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The prerendered bodies live in dist/client/lesson-html/ (src/pages/lesson-html/[...id].astro). */
export const LESSON_HTML_PREFIX = '/lesson-html/';
/** dist/client, seen from the bundle's chunk folder (dist/server/chunks). */
export const CLIENT_DIR = new URL('../../client/', import.meta.url);
const cache = new Map<string, Promise<string | null>>();

/**
 * A lesson body's HTML as rendered at build time, held in memory after the first read; null in
 * development or when the file is missing, and the page then renders the MDX itself.
 */
export function getPrerenderedLessonHtml(lessonId: string): Promise<string | null> {
  if (import.meta.env.DEV) return Promise.resolve(null);
  let html = cache.get(lessonId);
  if (!html) {
    const file = fileURLToPath(new URL(`.${LESSON_HTML_PREFIX}${lessonId}/index.html`, CLIENT_DIR));
    html = readFile(file, 'utf8')
      .then((text) => text.replace(/^<!DOCTYPE html>/i, ''))
      .catch(() => null);
    cache.set(lessonId, html);
  }
  return html;
}
