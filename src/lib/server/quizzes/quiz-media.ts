import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Images carried in from a Moodle bank (issue 16): `npm run quiz:import -- banco.xml --out
 * content/modules/<module>/quiz.yaml` writes them to `content/modules/<module>/media/` and points
 * the questions at `/diplomado/<module>/evaluacion/media/<file>`, which serves them from there.
 * Only plain file names with an image extension are read, so no path leaves that folder.
 */

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};
const MODULE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FILE = /^[a-z0-9][a-z0-9._-]{0,150}\.([a-z0-9]+)$/i;

/** The URL the questions of `moduleSlug` use for one of its media files. */
export function quizMediaUrl(moduleSlug: string, file: string): string {
  return `/diplomado/${moduleSlug}/evaluacion/media/${file}`;
}

/** The image's bytes and type, or null when the name is not a plain image file of that module. */
export function readQuizMedia(moduleSlug: string, file: string, root = 'content/modules'): { bytes: Buffer; type: string } | null {
  const match = FILE.exec(file);
  const type = match ? TYPES[(match[1] as string).toLowerCase()] : undefined;
  if (!MODULE.test(moduleSlug) || !type || file.includes('..')) return null;
  const path = join(root, moduleSlug, 'media', file);
  if (!existsSync(path)) return null;
  return { bytes: readFileSync(path), type };
}
