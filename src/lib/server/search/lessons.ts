import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

export interface SearchableLesson {
  id: string;
  title: string;
  text: string;
}

export interface LessonHit {
  lessonId: string;
  title: string;
  /** HTML: the matching passage, escaped, with <mark> around the matched words. */
  snippetHtml: string;
}

let indexedHash: string | undefined;

/**
 * Keeps the FTS5 table in step with the content: rebuilt in one transaction whenever the
 * lessons' text changes (a new build), checked once per process.
 */
export function ensureLessonIndex(db: Db, lessons: SearchableLesson[]): void {
  const hash = createHash('sha256');
  for (const l of lessons) hash.update(`${l.id}\0${l.title}\0${l.text}\0`);
  const digest = hash.digest('hex');
  if (indexedHash === digest) return;
  const stored = db.get<{ content_hash: string } | undefined>(sql`select content_hash from lesson_search_state where id = 1`);
  if (stored?.content_hash !== digest) {
    db.transaction((tx) => {
      tx.run(sql`delete from lesson_search`);
      for (const l of lessons) tx.run(sql`insert into lesson_search (lesson_id, title, body) values (${l.id}, ${l.title}, ${l.text})`);
      tx.run(sql`insert into lesson_search_state (id, content_hash, indexed_at) values (1, ${digest}, ${Date.now()})
        on conflict(id) do update set content_hash = excluded.content_hash, indexed_at = excluded.indexed_at`);
    });
  }
  indexedHash = digest;
}

/**
 * Turns what a person typed into an FTS5 query: every word must appear (accents and case do
 * not matter); a trailing * keeps prefix search. Quotes make FTS5 operators plain words.
 * Control, format and unpaired surrogate characters are dropped first: FTS5 reads a NUL as the
 * end of the query (a syntax error), and none of them can be part of an indexed word. A word
 * without a letter or digit matches nothing, so it is dropped too.
 */
export function toFtsQuery(input: string): string | null {
  const words = input
    .normalize('NFC')
    .split(/\s+/)
    .map((w) => w.replace(/[\p{C}"()^:]/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 8);
  if (words.length === 0) return null;
  return words.map((w) => (w.endsWith('*') ? `"${w.replace(/\*/g, '')}"*` : `"${w.replace(/\*/g, '')}"`)).join(' ');
}

const OPEN = '\u0001';
const CLOSE = '\u0002';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** Lessons matching the query, best first, limited to those the person may see. */
export function searchLessons(db: Db, input: string, visibleIds: Set<string>, limit = 30): LessonHit[] {
  const query = toFtsQuery(input);
  if (!query) return [];
  const rows = db.all<{ lesson_id: string; title: string; snippet: string }>(
    sql`select lesson_id, title, snippet(lesson_search, 2, ${OPEN}, ${CLOSE}, '…', 16) as snippet
        from lesson_search where lesson_search match ${query} order by bm25(lesson_search, 0, 5, 1) limit ${limit * 2}`,
  );
  return rows
    .filter((r) => visibleIds.has(r.lesson_id))
    .slice(0, limit)
    .map((r) => ({
      lessonId: r.lesson_id,
      title: r.title,
      snippetHtml: escapeHtml(r.snippet).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>'),
    }));
}
