import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A page rendered once with marks where one person's values go, then filled for each request.
 *
 * Rendering a page through Astro costs more than everything else a lesson view does (its layout
 * alone costs as much as reading the session and the learner's path; docs/decisions/024). A lesson
 * is the same for everyone who sees it in the same way (learner or staff, done or not, with the
 * same roles) except for a handful of values: the person's name and id, their time so far. Those
 * are written as marks while the shell renders (shell/personal.ts), and each request writes its
 * own values into the marks. Text between marks is kept with its deflate, so gzip per request is
 * only framing: the values go in stored (uncompressed) deflate blocks.
 */

/** Private-use characters: no text or markup of ours contains them, and Astro does not escape them. */
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = /\uE000([a-zA-Z]+)\uE001/g;

export function slotMark(name: string): string {
  return `${OPEN}${name}${CLOSE}`;
}

interface ShellPart {
  bytes: Buffer;
  /** Raw deflate ending in a sync flush: byte-aligned and not final, so more can follow it. */
  deflated: Buffer;
}

export interface PageShell {
  /** The page's text around the marks: one more part than slots. */
  parts: ShellPart[];
  /** The slot each mark stands for, in page order. */
  slots: string[];
}

function part(text: string): ShellPart {
  const bytes = Buffer.from(text);
  return { bytes, deflated: deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }) };
}

export function compileShell(html: string): PageShell {
  const parts: ShellPart[] = [];
  const slots: string[] = [];
  let last = 0;
  for (const match of html.matchAll(MARK)) {
    parts.push(part(html.slice(last, match.index)));
    slots.push(match[1] as string);
    last = match.index + match[0].length;
  }
  parts.push(part(html.slice(last)));
  return { parts, slots };
}

/** Escaped as Astro escapes text and attribute values, so a filled shell equals a full render. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function valueBytes(shell: PageShell, values: Readonly<Record<string, string>>): Buffer[] {
  return shell.slots.map((slot) => {
    const value = values[slot];
    if (value === undefined) throw new Error(`The page shell has a slot "${slot}" with no value`);
    return Buffer.from(escapeHtml(value));
  });
}

export function fillShell(shell: PageShell, values: Readonly<Record<string, string>>): Buffer<ArrayBuffer> {
  const filled = valueBytes(shell, values);
  return Buffer.concat(shell.parts.flatMap((p, i) => (i < filled.length ? [p.bytes, filled[i] as Buffer] : [p.bytes])));
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
/** An empty final block with fixed codes: ends the stream after the last sync-flushed part. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);
const STORED_MAX = 0xffff;

/** Stored deflate blocks (RFC 1951 §3.2.4) holding `bytes`; the stream is byte-aligned before them. */
function storedBlocks(bytes: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += STORED_MAX) {
    const chunk = bytes.subarray(at, at + STORED_MAX);
    const header = Buffer.alloc(5);
    header.writeUInt8(0, 0); // not final, stored; the rest of the byte is padding
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
  }
  return blocks;
}

/** The filled page as one gzip member: the kept deflate of each part, the values stored between. */
export function gzipShell(shell: PageShell, values: Readonly<Record<string, string>>): Buffer<ArrayBuffer> {
  const filled = valueBytes(shell, values);
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  shell.parts.forEach((p, i) => {
    crc = crc32(p.bytes, crc);
    length += p.bytes.length;
    chunks.push(p.deflated);
    const value = filled[i];
    if (value === undefined) return;
    crc = crc32(value, crc);
    length += value.length;
    chunks.push(...storedBlocks(value));
  });
  chunks.push(FINAL_EMPTY_BLOCK);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  chunks.push(trailer);
  return Buffer.concat(chunks);
}

/** Shells by key, the least recently used leaving first past `maxEntries` (each ~60 KB for a lesson). */
export class ShellCache {
  readonly #entries = new Map<string, PageShell>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  get(key: string): PageShell | undefined {
    const shell = this.#entries.get(key);
    if (shell) {
      this.#entries.delete(key);
      this.#entries.set(key, shell);
    }
    return shell;
  }

  set(key: string, shell: PageShell): void {
    this.#entries.delete(key);
    this.#entries.set(key, shell);
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
