import { extractCitations } from './citations.ts';
import { type Citation, citationAnchor, formatCitation, LAW_NAMES, type Law } from './legal.ts';
import { LAWS } from './schemas.ts';

export interface LegalIndexLaw {
  law: Law;
  name: string;
  articles: { anchor: string; label: string; lessons: string[] }[];
}

/** Natural order for articles: 2 < 3 < 3 Bis < 12 < 133 < 390 Bis < 390 Ter. */
function articleKey(art: string | undefined): [number, string] {
  const match = /^(\d+)/.exec(art ?? '');
  return [match ? Number(match[1]) : Number.MAX_SAFE_INTEGER, art ?? ''];
}

/** Every article cited (by law and article, fractions folded in), with the lessons citing it. */
export function buildLegalIndex(lessons: { id: string; body: string }[]): LegalIndexLaw[] {
  const byLaw = new Map<Law, Map<string, { citation: Citation; lessons: Set<string> }>>();
  for (const lesson of lessons) {
    for (const c of extractCitations(lesson.body)) {
      if (!(LAWS as readonly string[]).includes(c.law)) continue;
      const articles = byLaw.get(c.law) ?? new Map();
      const anchor = citationAnchor(c);
      const entry = articles.get(anchor) ?? { citation: { law: c.law, art: c.art }, lessons: new Set<string>() };
      entry.lessons.add(lesson.id);
      articles.set(anchor, entry);
      byLaw.set(c.law, articles);
    }
  }
  return LAWS.filter((law) => byLaw.has(law)).map((law) => ({
    law,
    name: LAW_NAMES[law],
    articles: [...(byLaw.get(law) as Map<string, { citation: Citation; lessons: Set<string> }>).entries()]
      .sort(([, a], [, b]) => {
        const [na, sa] = articleKey(a.citation.art);
        const [nb, sb] = articleKey(b.citation.art);
        return na - nb || sa.localeCompare(sb, 'es');
      })
      .map(([anchor, { citation, lessons }]) => ({ anchor, label: formatCitation(citation), lessons: [...lessons].sort() })),
  }));
}
