import type { Citation } from './legal.ts';

/**
 * The <LegalRef …/> citations in an MDX body, with the line each is on. Used by the legal index
 * and by `npm run content:check`; reading the source keeps both independent of rendering.
 */
export function extractCitations(body: string): (Citation & { line: number })[] {
  const found: (Citation & { line: number })[] = [];
  for (const match of body.matchAll(/<LegalRef\b([^>]*?)\/>/g)) {
    const attributes = Object.fromEntries([...(match[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    const line = body.slice(0, match.index).split('\n').length;
    found.push({ ...(attributes as unknown as Citation), line });
  }
  return found;
}

/** Text for search: the prose of an MDX body without tags, expressions or markdown marks. */
export function mdxToPlainText(body: string): string {
  return body
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
    .replace(/<LegalRef\b([^>]*?)\/>/g, (_m, attrs: string) => ` ${[...attrs.matchAll(/(\w+)="([^"]*)"/g)].map((a) => a[2]).join(' ')} `)
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>|]+/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
