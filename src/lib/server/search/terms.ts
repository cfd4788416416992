import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { foldForSearch } from '../../text.ts';

/** Up to five accent-free, lower-case words from what a person typed in a search box. */
export function searchTerms(query: string | undefined): string[] {
  return foldForSearch(query ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5);
}

/** `column LIKE %term%`, with the term's own % and _ taken literally. */
export function containsTerm(column: SQLWrapper, term: string): SQL {
  const pattern = `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql`${column} like ${pattern} escape '!'`;
}
