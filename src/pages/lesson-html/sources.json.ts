import type { APIRoute } from 'astro';
import { readLessonSources } from '../../lib/server/course/lesson-sources.ts';

/** Every lesson's MDX body, written once at build time (src/lib/server/course/lesson-sources.ts). */
export const prerender = true;

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await readLessonSources()), { headers: { 'Content-Type': 'application/json' } });
