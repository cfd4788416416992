/**
 * Reads the text of a law as published by the Cámara de Diputados and converted to Markdown
 * (../shared/sources/leyes/*.md) into the numbers content:check verifies citations against: each
 * article, its fractions, which of them are repealed, and the transitory articles of each decree.
 * Only numbers and dates come out; the text stays in the source. Used by
 * scripts/generate-law-articles.ts.
 */

/** Suffixes of added articles and fractions, in the order the law inserts them. */
const SUFFIXES = [
  'Bis',
  'Ter',
  'Quáter',
  'Quintus',
  'Quinquies',
  'Sextus',
  'Sexies',
  'Séptimus',
  'Septies',
  'Octavus',
  'Octies',
  'Novenus',
  'Nonies',
  'Decies',
  'Undecies',
  'Duodecies',
];
const SUFFIX_WORD = `bis|ter|qu[áa]ter|quintus|quinquies|sextus|sexies|s[ée]ptimus|septies|octavus|octies|novenus|nonies|decies|undecies|duodecies`;

/**
 * The canonical key of an article: "3o. Bis" → "3 Bis", "512-d" → "512-D", "15 A" → "15-A".
 * null when the text is not an article number.
 * @example normalizeArticle('3o.** Bis') // "3 Bis"
 */
export function normalizeArticle(text: string): string | null {
  const m = new RegExp(String.raw`^(\d+)\s*(?:o\b|º|°)?\.?\s*(?:-\s*|\s)?(?:([A-ZÑ])(?![\p{L}]))?\s*-?\s*(${SUFFIX_WORD})?\.?$`, 'iu').exec(
    text.replace(/\*\*/g, '').trim(),
  );
  if (!m) return null;
  const letter = m[2] && /^[A-ZÑ]$/.test(m[2]) ? `-${m[2]}` : m[2] ? null : '';
  if (letter === null) return null;
  return `${Number(m[1])}${letter}${m[3] ? ` ${canonicalSuffix(m[3])}` : ''}`;
}

/**
 * The canonical key of a fraction: "xiii bis" → "XIII Bis". null when it is not a Roman numeral.
 * @example normalizeFraction('VI  bis') // "VI Bis"
 */
export function normalizeFraction(text: string): string | null {
  const m = new RegExp(String.raw`^([IVXLC]+)\.?(?:\s*(${SUFFIX_WORD}))?\.?$`, 'i').exec(text.trim());
  if (!m || romanValue(m[1] ?? '') === null) return null;
  return `${(m[1] ?? '').toUpperCase()}${m[2] ? ` ${canonicalSuffix(m[2])}` : ''}`;
}

/** The value of a Roman numeral up to 399, or null when it is not one. */
export function romanValue(text: string): number | null {
  const upper = text.toUpperCase();
  if (!/^(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/.test(upper)) return null;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < upper.length; i++) {
    const v = values[upper[i] as string] ?? 0;
    const next = values[upper[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

function canonicalSuffix(word: string): string {
  const plain = fold(word);
  return SUFFIXES.find((s) => fold(s) === plain) ?? word;
}

/** Lowercase without accents, for comparing words the sources spell in several ways. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const ORDINALS = [
  'Primero',
  'Segundo',
  'Tercero',
  'Cuarto',
  'Quinto',
  'Sexto',
  'Séptimo',
  'Octavo',
  'Noveno',
  'Décimo',
  'Undécimo',
  'Duodécimo',
  'Vigésimo',
  'Trigésimo',
  'Cuadragésimo',
  'Quincuagésimo',
  'Único',
];
const ORDINAL_BY_FOLD = new Map(ORDINALS.map((o) => [fold(o), o]));
const ORDINAL_WORD = [
  `(?:d[eé]cimo|vig[eé]simo|trig[eé]simo)(?:primero|segundo|tercero|cuarto|quinto|sexto|s[eé]ptimo|o?ctavo|noveno)`,
  ...ORDINALS.map((o) => fold(o).replace('e', '[eé]').replace('u', '[uú]')),
].join('|');
const TRANSITORY = new RegExp(String.raw`^(?:art[íi]culo\s+)?((?:${ORDINAL_WORD})(?:\s+(?:${ORDINAL_WORD}))?)\s*(?:\.-|\.|-|:|\s-)`, 'i');

/**
 * A transitory article's canonical name: "DÉCIMO PRIMERO" → "Décimo Primero"; a number stays one.
 * @example normalizeTransitory('decimo primero') // "Décimo Primero"
 */
export function normalizeTransitory(text: string): string {
  // "Decimoctavo" is how some decrees write "Décimo Octavo".
  const words = fold(text.replace(/^transitorio\s+/i, ''))
    .replace(/^(decimo|vigesimo|trigesimo)o?(?=[a-z])/, '$1 ')
    .replace(/ ctavo$/, ' octavo')
    .split(' ');
  return words.map((w) => ORDINAL_BY_FOLD.get(w) ?? w).join(' ');
}

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** "1 de mayo de 2019", "1º de abril de 1970" → "2019-05-01"; null when it is not a date. */
export function spanishDate(text: string): string | null {
  const m = /(\d{1,2})\s*(?:º|o\.?)?\s+de\s+([a-záéíóú]+)\s+de\s+(\d{4})/i.exec(text);
  const month = m ? MONTHS.indexOf(fold(m[2] ?? '')) + 1 : 0;
  if (!m || month === 0) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

/** "14-05-2026" → "2026-05-14". */
function dofDate(text: string): string | null {
  const m = /(\d{2})-(\d{2})-(\d{4})/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

const REPEALED = /^\(?\s*(?:se deroga|derogad[oa])\b/i;
const ARTICLE_HEAD = new RegExp(
  String.raw`^ART[ÍI]CULO\s+(\d+(?:\s*(?:o\b|º|°)\.?)?(?:\s*-\s*[A-ZÑ](?![\p{L}])|\s[A-ZÑ](?![\p{L}]))?(?:\s*(?:\*\*)?\s*(?:${SUFFIX_WORD})\b)?)\s*(?:\*\*)?\s*(\.-|\.|-)?(?:\*\*)?(?=\s|$)(.*)$`,
  'iu',
);
// Numerals are capitals ("l" is the PDF's misreading of "I": "l.", "lV."); "b) II." is an empty
// inciso glued by the conversion to the next fraction.
const SUFFIX_ANY_CASE = SUFFIX_WORD.split('|')
  .flatMap((w) => [w, w.toUpperCase(), w[0]?.toUpperCase() + w.slice(1)])
  .join('|');
const FRACTION_HEAD = new RegExp(String.raw`^(?:[a-z]\)\s+)?([IVXLCl]+)(\.?\s+(?:${SUFFIX_ANY_CASE}))?\s*(\.-|\.)(?=\s|$)(.*)$`);

/**
 * Parses one law's Markdown. The body runs to the first "TRANSITORIOS"; the law's own transitory
 * articles follow, then "ARTÍCULOS TRANSITORIOS DE DECRETOS DE REFORMA" with each decree
 * ("Publicado en el Diario Oficial de la Federación el …") and its transitory articles.
 */
export function parseLawText(markdown: string): LawArticles {
  const lines = markdown.split(/\r?\n/);
  const front = /^---\n([\s\S]*?)\n---/.exec(markdown.replace(/\r\n/g, '\n'))?.[1] ?? '';
  const field = (name: string) => new RegExp(`^${name}:\\s*"?([^"\\n]*)"?`, 'm').exec(front)?.[1]?.trim() ?? '';
  const heading = lines.find((l) => /^>?\s*Última reforma publicada DOF/i.test(l));
  const law: LawArticles = {
    law: field('sigla'),
    title: field('titulo'),
    lastReform: field('ultima_reforma') || (heading ? dofDate(heading) : null) || '',
    published: spanishDate(lines.find((l) => /publicad[ao] en el Diario Oficial de la Federaci[óo]n el/i.test(l)) ?? '') ?? undefined,
    articles: {},
    transitories: {},
  };
  const noise = noiseLines(lines);
  type Section = 'body' | 'original' | 'decrees';
  let section: Section = 'body';
  let decree = 'original';
  let inTransitories = false;
  let article: LawArticle | null = null;
  let lastFraction = { base: 0, rank: 0 };
  /** The first text after a heading: the rest of its line, else the next line with text. */
  const firstText = (rest: string, index: number): string => {
    if (rest.trim()) return rest.trim();
    for (let j = index + 1; j < lines.length && j < index + 6; j++) {
      const next = (lines[j] ?? '').trim();
      if (next && !noise.has(next)) return next.replace(/^\*\*|\*\*$/g, '');
    }
    return '';
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (!raw || noise.has(raw)) continue;
    const line = raw.replace(/^#+\s*/, '');
    if (section === 'body' && /^(?:ART[ÍI]CULOS\s+)?TRANSITORIOS?$/i.test(line) && i > 20) {
      section = 'original';
      inTransitories = true;
      continue;
    }
    if (/^ART[ÍI]CULOS TRANSITORIOS DE DECRETOS DE REFORMA/i.test(line)) {
      section = 'decrees';
      inTransitories = false;
      continue;
    }
    if (section === 'decrees') {
      if (/^Publicad[oa] en el Diario Oficial de la Federaci[óo]n el/i.test(line)) {
        decree = spanishDate(line) ?? decree;
        inTransitories = false;
        continue;
      }
      if (/^(?:ART[ÍI]CULOS?\s+)?TRANSITORIOS?\b/i.test(line)) {
        inTransitories = true;
        const inline = line.replace(/^(?:ART[ÍI]CULOS?\s+)?TRANSITORIOS?\s*/i, '');
        if (!inline) continue;
        addTransitory(law, decree, inline);
        continue;
      }
    }
    if (section !== 'body') {
      if (inTransitories) addTransitory(law, section === 'original' ? 'original' : decree, line);
      continue;
    }

    const head = ARTICLE_HEAD.exec(line.replace(/\*\*/g, ''));
    // A heading is bold in the source, or (a few lost their bold) starts the line with a capital and
    // its own ".-"/"."; "artículo 36. Esta suspensión…" is a wrapped sentence.
    if (head && (raw.startsWith('**') || (head[2] && /^A/.test(raw)))) {
      const key = normalizeArticle(head[1] ?? '');
      if (key) {
        article = law.articles[key] ?? {};
        law.articles[key] = article;
        if (REPEALED.test(firstText(head[3] ?? '', i))) article.repealed = true;
        else delete article.repealed;
        lastFraction = { base: 0, rank: 0 };
        continue;
      }
    }
    const fraction = article ? FRACTION_HEAD.exec(line) : null;
    if (article && fraction) {
      const key = normalizeFraction(`${(fraction[1] ?? '').replace(/l/g, 'I')}${fraction[2] ?? ''}`);
      const base = romanValue(key?.split(' ')[0] ?? '') ?? 0;
      const rank = key?.includes(' ') ? SUFFIXES.indexOf(key.split(' ')[1] ?? '') + 1 : 0;
      // Fractions run in order (I, II, II Bis, III…) and start again at I in a new apartado; a
      // wrapped line that happens to begin "C." or "V." out of order is text, not a fraction.
      const inOrder =
        (base === 1 && rank === 0) ||
        (base > lastFraction.base && base - lastFraction.base <= 5 && rank === 0) ||
        (base >= lastFraction.base && base - lastFraction.base <= 5 && rank > 0 && (base > lastFraction.base || rank > lastFraction.rank));
      if (key && inOrder) {
        lastFraction = { base, rank };
        article.fractions ??= [];
        if (!article.fractions.includes(key)) article.fractions.push(key);
        const repealed = REPEALED.test(firstText(fraction[4] ?? '', i));
        if (repealed) {
          article.repealedFractions ??= [];
          if (!article.repealedFractions.includes(key)) article.repealedFractions.push(key);
        } else if (article.repealedFractions?.includes(key)) {
          article.repealedFractions = article.repealedFractions.filter((f) => f !== key);
        }
      }
    }
  }
  for (const a of Object.values(law.articles)) if (a.repealedFractions?.length === 0) delete a.repealedFractions;
  const decrees = Object.keys(law.transitories)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  if (decrees.length) law.lastDecree = decrees.at(-1);
  return law;
}

function addTransitory(law: LawArticles, decree: string, line: string): void {
  const text = line.replace(/\*\*/g, '');
  const numbered = /^ART[ÍI]CULO\s+(\d+)\s*(?:o\b|º|°)?\.?\s*(?:\.-|\.|-)/i.exec(text);
  const ordinal = numbered ? null : TRANSITORY.exec(text);
  const name = numbered ? String(Number(numbered[1])) : ordinal ? normalizeTransitory(ordinal[1] ?? '') : null;
  if (!name) return;
  const list = law.transitories[decree] ?? [];
  law.transitories[decree] = list;
  if (!list.includes(name)) list.push(name);
}

/** Running page headers ("LEY FEDERAL DEL TRABAJO", "Últimas Reformas DOF …") that cut the text. */
function noiseLines(lines: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const t = l.trim();
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const noise = new Set<string>();
  for (const [t, n] of counts)
    if (t.startsWith('#') || /TRANSITORI/i.test(t)) continue;
    else if ((n >= 10 && !/\p{Ll}/u.test(t) && !/^[IVXLC]+\.?$/.test(t)) || /^Últimas? Reformas? (?:publicadas? )?DOF/i.test(t))
      noise.add(t);
  return noise;
}

/** One article: its fractions in the order of the text, and what is repealed. */
export interface LawArticle {
  repealed?: true;
  fractions?: string[];
  repealedFractions?: string[];
}

/** The numbers of one law, as content/legal/articles.json stores them. */
export interface LawArticles {
  law: string;
  title: string;
  /** The source's header: "ultima_reforma" (DOF date of the last reform, YYYY-MM-DD). */
  lastReform: string;
  /** When the law itself was published in the DOF. */
  published?: string;
  /** The DOF date of the newest decree whose transitory articles the text reproduces. */
  lastDecree?: string;
  articles: Record<string, LawArticle>;
  /** Transitory articles by decree: "original" (the law's own) or the DOF date of the decree. */
  transitories: Record<string, string[]>;
}
