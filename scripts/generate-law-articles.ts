// Writes content/legal/articles.json: for each law whose current text is in ../shared/sources/leyes/
// (LFT, CPEUM, LSS, LFPED, LGAMVLV), every article number, its fractions, which are repealed, the
// transitory articles of each decree, and the source's date. Numbers and dates only, never the text.
// npm run content:check checks every citation of the course against it. Run it again when a law is
// reformed and its text in the sources is updated, then review and commit the diff:
//   node scripts/generate-law-articles.ts [SOURCES_DIR] [OUT_FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LawArticles, parseLawText } from '../src/lib/server/content-check/law-text.ts';

const LAWS = ['LFT', 'CPEUM', 'LSS', 'LFPED', 'LGAMVLV'] as const;
const sources = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'sources', 'leyes');
const out = process.argv[3] ?? join(import.meta.dirname, '..', 'content', 'legal', 'articles.json');

const laws: Record<string, LawArticles> = {};
for (const sigla of LAWS) {
  const law = parseLawText(readFileSync(join(sources, `${sigla}.md`), 'utf8'));
  if (law.law !== sigla) throw new Error(`${sigla}.md dice sigla "${law.law}"`);
  laws[sigla] = law;
  const articles = Object.values(law.articles);
  console.log(
    `${sigla}: ${articles.length} artículos (${articles.filter((a) => a.repealed).length} derogados), ` +
      `${articles.reduce((n, a) => n + (a.fractions?.length ?? 0), 0)} fracciones, ` +
      `${Object.keys(law.transitories).length} decretos con transitorios; última reforma ${law.lastReform}`,
  );
  if (law.lastDecree && law.lastDecree !== law.lastReform)
    console.warn(
      `  ${sigla}: el encabezado dice última reforma ${law.lastReform}, pero el decreto más reciente del texto es del ${law.lastDecree}.`,
    );
}

// Articles in the law's order (3, 3 Bis, 4 … 153-F, 153-F Bis, 153-G), one per line: the file stays
// short and its diff readable when a law is reformed.
const SUFFIXES = ['', 'Bis', 'Ter', 'Quáter', 'Quintus', 'Quinquies', 'Sextus', 'Sexies', 'Séptimus', 'Septies', 'Octavus', 'Octies'];
const order = (key: string): [number, string, number] => {
  const m = /^(\d+)(?:-([A-ZÑ]))?(?: (.+))?$/.exec(key);
  const suffix = SUFFIXES.indexOf(m?.[3] ?? '');
  return [Number(m?.[1] ?? 0), m?.[2] ?? '', suffix < 0 ? SUFFIXES.length : suffix];
};
const byOrder = ([a]: [string, unknown], [b]: [string, unknown]) => {
  const [x, y] = [order(a), order(b)];
  return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2] - y[2];
};
const json = (value: unknown) => JSON.stringify(value);
const lawBlock = (law: LawArticles) =>
  [
    `    "title": ${json(law.title)},`,
    `    "lastReform": ${json(law.lastReform)},`,
    ...(law.published ? [`    "published": ${json(law.published)},`] : []),
    ...(law.lastDecree ? [`    "lastDecree": ${json(law.lastDecree)},`] : []),
    '    "articles": {',
    Object.entries(law.articles)
      .sort(byOrder)
      .map(([key, a]) => `      ${json(key)}: ${json(a)}`)
      .join(',\n'),
    '    },',
    '    "transitories": {',
    Object.entries(law.transitories)
      .map(([decree, list]) => `      ${json(decree)}: ${json(list)}`)
      .join(',\n'),
    '    }',
  ].join('\n');
writeFileSync(
  out,
  `{\n  "generatedBy": "node scripts/generate-law-articles.ts",\n  "laws": {\n${Object.entries(laws)
    .map(([sigla, law]) => `    ${json(sigla)}: {\n${lawBlock(law).replace(/^ {4}/gm, '      ')}\n    }`)
    .join(',\n')}\n  }\n}\n`,
);
console.log(`Escribí ${out}.`);
