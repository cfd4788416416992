import { constants, crc32, deflateRawSync } from 'node:zlib';
import { type BodyPart, splitChecklistSlots } from '../../tools/checklist-slots.ts';
import { getPrerenderedLessonHtml } from './lesson-html.ts';

/**
 * A lesson's prerendered body is the same for every learner and most of its page: the page leaves
 * a marker for each of its static parts, and the response is assembled around them, with their
 * gzip worked out once per process instead of on every request (docs/decisions/024-performance.md).
 */

/** Set by the lesson page to the lesson's id; the middleware reads it, and no client sees it. */
export const LESSON_BODY_HEADER = 'x-aula-lesson-body';

/** Astro escapes `<` in text, so only markup a page writes on purpose can look like this. */
const MARKER = /<!--aula-parte-(\d+)-->/g;

export function staticPartMarker(index: number): string {
  return `<!--aula-parte-${index}-->`;
}

export interface StaticPart {
  html: string;
  bytes: Buffer;
  /** Raw deflate ending in a sync flush: byte-aligned and not final, so more can follow it. */
  deflated: Buffer;
}

export interface LessonBody {
  /** The body cut at its checklist slots; each `{ html }` part has the static part of the same index. */
  parts: BodyPart[];
  statics: StaticPart[];
}

const bodies = new Map<string, Promise<LessonBody | null>>();

/** A lesson's prerendered body, cut and compressed once; null where there is none (astro dev). */
export function getLessonBody(lessonId: string): Promise<LessonBody | null> {
  let body = bodies.get(lessonId);
  if (!body) {
    body = getPrerenderedLessonHtml(lessonId).then((html) => {
      if (html === null) return null;
      const parts = splitChecklistSlots(html);
      const statics = parts.flatMap((part) => {
        if (!('html' in part)) return [];
        const bytes = Buffer.from(part.html);
        return [{ html: part.html, bytes, deflated: deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }) }];
      });
      return { parts, statics };
    });
    bodies.set(lessonId, body);
  }
  return body;
}

/**
 * The static parts a rendered lesson page left markers for, taking the header that names its
 * lesson off the response's headers (no client sees it); undefined for any other page.
 */
export async function takeStaticParts(headers: Headers): Promise<StaticPart[] | undefined> {
  const lessonId = headers.get(LESSON_BODY_HEADER);
  if (!lessonId) return undefined;
  headers.delete(LESSON_BODY_HEADER);
  return (await getLessonBody(lessonId))?.statics;
}

/** The page with its static parts written in, for a client that does not take gzip. */
export function fillStaticParts(page: string, statics: readonly StaticPart[]): string {
  return page.replace(MARKER, (marker, index: string) => statics[Number(index)]?.html ?? marker);
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);

/**
 * One gzip member for the page with its static parts in place: the page's own text is compressed
 * now, each static part's stored deflate is copied between, and the trailer's CRC-32 and length
 * cover the whole. Deflate blocks ending in a sync flush can be followed by any other blocks (as
 * pigz joins them), so any gzip reader reads it as one stream.
 */
export function gzipWithStaticParts(page: string, statics: readonly StaticPart[], level: number): Uint8Array<ArrayBuffer> {
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  const add = (bytes: Buffer, deflated: Buffer) => {
    crc = crc32(bytes, crc);
    length += bytes.length;
    chunks.push(deflated);
  };
  const own = (text: string, final: boolean) => {
    const bytes = Buffer.from(text);
    add(bytes, deflateRawSync(bytes, { level, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }));
  };
  let last = 0;
  for (const match of page.matchAll(MARKER)) {
    const part = statics[Number(match[1])];
    if (!part) continue;
    own(page.slice(last, match.index), false);
    add(part.bytes, part.deflated);
    last = match.index + match[0].length;
  }
  own(page.slice(last), true);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}
