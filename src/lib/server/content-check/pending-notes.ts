import { readFileSync } from 'node:fs';

type Report = (file: string, line: number, message: string) => void;

/** A point the sources leave open (issue 16): `<Callout type="pendiente">…</Callout>`, a short footnote. */
const PENDING_NOTE = /<Callout\b[^>]*\btype=["']pendiente["'][^>]*>([\s\S]*?)<\/Callout>/g;
/** The old form, a warning box titled «Por verificar», or the phrase in running text. */
const OLD_FORM = /por verificar/gi;
/** One short hedge: a sentence or two, not a paragraph of caveats. */
export const MAX_PENDING_WORDS = 60;

export interface PendingCount {
  notes: number;
  lessons: number;
}

/**
 * Refuses the old «Por verificar» hedge anywhere in a lesson (frontmatter included), and a
 * `pendiente` note longer than MAX_PENDING_WORDS words. Returns how many `pendiente` notes it has.
 */
export function checkPendingNotes(file: string, report: Report): number {
  const text = readFileSync(file, 'utf8');
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  for (const m of text.matchAll(OLD_FORM))
    report(
      file,
      lineAt(m.index),
      `«${m[0]}» ya no se usa: enseñe lo que verificaciones.md confirma, con su fuente, y lo que siga abierto en una nota breve <Callout type="pendiente">`,
    );
  const notes = [...text.matchAll(PENDING_NOTE)];
  for (const m of notes) {
    const words = (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w)).length;
    if (words > MAX_PENDING_WORDS)
      report(
        file,
        lineAt(m.index),
        `la precisión pendiente tiene ${words} palabras; una nota pendiente dice en ${MAX_PENDING_WORDS} o menos qué falta`,
      );
  }
  return notes.length;
}

/** "12 precisiones pendientes en 10 lecciones", in the singular where it applies. */
export function describePendingNotes({ notes, lessons }: PendingCount): string {
  const n = `${notes} ${notes === 1 ? 'precisión pendiente' : 'precisiones pendientes'}`;
  return notes === 0 ? `${n}.` : `${n} en ${lessons} ${lessons === 1 ? 'lección' : 'lecciones'}.`;
}
