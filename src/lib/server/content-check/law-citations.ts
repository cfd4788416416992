import { existsSync, readFileSync } from 'node:fs';
import type { LawArticles } from './law-text.ts';
import { fold, normalizeArticle, normalizeFraction, normalizeTransitory, romanValue } from './law-text.ts';

/** The laws whose current text is in ../shared/sources/leyes/, listed in content/legal/articles.json. */
export const CHECKED_LAWS = ['LFT', 'CPEUM', 'LSS', 'LFPED', 'LGAMVLV'] as const;

/**
 * content/legal/articles.json (scripts/generate-law-articles.ts): the articles of each law in
 * force. null when the course has none (the test fixtures), which turns the citation check off.
 */
export function loadLawData(file: string): LawData | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as LawData;
}

/**
 * Whether a citation names an article (and fraction) in force. null when it does, or when its law
 * is not one of CHECKED_LAWS (the caller counts those); otherwise what is wrong, in Spanish.
 * @example checkCitation(data, { law: 'LFT', art: '99999' }) // "la LFT no tiene artículo 99999 (…)"
 */
export function checkCitation(data: LawData, citation: { law: string; art?: string; fr?: string }): string | null {
  const law = data.laws[citation.law];
  if (!law || !citation.art) return null;
  const text = `texto vigente, última reforma DOF ${law.lastReform.split('-').reverse().join('-')}`;
  const art = citation.art.trim();
  if (/^transitorio\b/i.test(art)) {
    const name = normalizeTransitory(art);
    const decrees = Object.entries(law.transitories).filter(([, list]) => list.some((t) => fold(t) === fold(name)));
    return decrees.length > 0 ? null : `ningún decreto de la ${citation.law} tiene un transitorio «${name}» (${text})`;
  }
  const key = normalizeArticle(art);
  if (!key) return `«${art}» no es un número de artículo ni un transitorio`;
  const article = law.articles[key];
  if (!article) return `la ${citation.law} no tiene artículo ${key} (${text})`;
  if (article.repealed) return `el artículo ${key} de la ${citation.law} está derogado (${text})`;
  if (!citation.fr) return null;
  const fr = normalizeFraction(citation.fr);
  if (!fr) return `«${citation.fr}» no es una fracción (números romanos: I, XIV, VI Bis)`;
  const fractions = article.fractions ?? [];
  if (!fractions.includes(fr)) {
    const has = fractions.length ? `tiene ${fractions[0]} a ${fractions.at(-1)}` : 'no tiene fracciones';
    return `el artículo ${key} de la ${citation.law} no tiene fracción ${fr} (${has}; ${text})`;
  }
  if (article.repealedFractions?.includes(fr)) return `la fracción ${fr} del artículo ${key} de la ${citation.law} está derogada (${text})`;
  return null;
}

const SUFFIX = `(?:Bis|Ter|Qu[áa]ter|Quinquies|Sexies|Septies)`;
const NUMBER = String.raw`\d{1,4}(?:\s?(?:o|º|°)\.?(?![\p{L}\d]))?(?:-[A-ZÑ]|\s[A-ZÑ])?(?![\p{L}\d])(?:\s${SUFFIX}\b)?(?![.,]?\d)`;
const ROMAN = String.raw`[IVXLC]+(?:\s${SUFFIX}\b)?(?![\p{L}\d])`;
const LIST_GLUE = String.raw`(?:,\s*y\s+|,\s*|\s+y\s+|\s+e\s+|\s+a\s+)`;
const ARTICLES = /\b(?:[Aa]rt[íi]culos?|[Aa]rts?\.)\s+(?=\d)/gu;
const ITEM = new RegExp(`^${NUMBER}`, 'u');
const FRACTIONS = new RegExp(
  String.raw`^(?:,\s*apartado\s+[A-C],?)?(?:,\s*|\s+)(?:frs?\.|fracci[óo]n(?:es)?)\s+(${ROMAN}(?:${LIST_GLUE}${ROMAN})*)`,
  'u',
);
const NEXT_ITEM = new RegExp(`^${LIST_GLUE}(?=\\d)`, 'u');
const GLUE = new RegExp(LIST_GLUE, 'u');
const FRACTION_BEFORE = new RegExp(String.raw`(?:fracci[óo]n|fr\.)\s+(${ROMAN})\s+del\s+$`, 'u');

/** Laws and other instruments as the course names them in prose. */
const LAW_NAMES: [RegExp, string][] = [
  [/\bLFT\b|Ley Federal del Trabajo/g, 'LFT'],
  [/\bCPEUM\b|\bConstituci[óo]n\b|\bconstitucional\b/g, 'CPEUM'],
  [/\bLSS\b|Ley del Seguro Social/g, 'LSS'],
  [/\bLFPED\b|Ley Federal para Prevenir y Eliminar la Discriminaci[óo]n/g, 'LFPED'],
  [/\bLGAMVLV\b|Ley General de Acceso de las Mujeres/g, 'LGAMVLV'],
  [
    /\bConvenios?\s+\d+|\bC\d{3}\b|\bT-MEC\b|\bUSMCA\b|\bTLCAN\b|\bNOM-\d+|\bRGITAS\b|\bReglamento\b|\bLINFONAVIT\b|\bInfonavit\b|\bCFF\b|C[óo]digo Fiscal|\bLGTAIP\b|\bLOCFCRL\b|\bAcuerdo\b|\bAnexo\b|\bOIT\b|Ley Org[áa]nica|Ley General de Transparencia/g,
    'other',
  ],
];

/** Each mention of a law or instrument in a text, in order. */
export function lawMentions(text: string): { index: number; end: number; law: string }[] {
  const found: { index: number; end: number; law: string }[] = [];
  for (const [pattern, law] of LAW_NAMES)
    for (const m of text.matchAll(pattern)) {
      // "Convenio 190" is counted with <LegalRef law="C190">.
      const name = m[0].replace(/^Convenios?\s+(\d+)$/, (_, n: string) => `C${n.padStart(3, '0')}`);
      found.push({ index: m.index, end: m.index + m[0].length, law: law === 'other' ? `other:${name}` : law });
    }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The articles a text cites: "art. 132, fr. XXXI", "arts. 133, frs. IV y V", "artículo 685 Ter",
 * "la fracción XXXI del artículo 132", each with the law it belongs to: the one named right after
 * it ("de la LFT", "del Convenio 190", "constitucional"), else the last one named before it in
 * the text, else `fallback`; null when none. Laws other than the five checked come out as
 * "other:<name>".
 */
export function extractTextCitations(text: string, fallback: string | null = null): TextCitation[] {
  const mentions = lawMentions(text);
  // A law named right after an article ("art. 14 constitucional") or inside a parenthesis that has
  // closed ("(LGAMVLV, art. 11). Sanción: art. 995") does not carry over to the next citation.
  const attached = new Set<number>();
  const found: TextCitation[] = [];
  for (const start of text.matchAll(ARTICLES)) {
    let at = start.index + start[0].length;
    const items: { art: string; fr?: string }[] = [];
    while (true) {
      const item = ITEM.exec(text.slice(at));
      if (!item) break;
      at += item[0].length;
      const fractions = FRACTIONS.exec(text.slice(at));
      const romans = fractions ? (fractions[1] ?? '').split(GLUE).filter((r) => romanValue(r.split(' ')[0] ?? '')) : [];
      if (fractions) at += fractions[0].length;
      if (romans.length) for (const fr of romans) items.push({ art: item[0], fr });
      else items.push({ art: item[0] });
      const next = NEXT_ITEM.exec(text.slice(at));
      if (!next) break;
      at += next[0].length;
    }
    if (items.length === 0) continue;
    const before = FRACTION_BEFORE.exec(text.slice(Math.max(0, start.index - 40), start.index));
    if (before && items[0] && !items[0].fr) items[0].fr = before[1];
    // "… de la LFT", "… del Convenio 190", "… LSS", "… constitucional": a law right after is its own
    // (not one after a comma: "LFT, art. 12, LSS, art. 15 A").
    const link = /^,?\s*(?:de\s+la|del|de|en\s+la|en\s+el)\s+|^\s+/.exec(text.slice(at));
    const following = link ? mentions.find((m) => m.index === at + link[0].length) : undefined;
    if (following) attached.add(following.index);
    const closed = (m: { end: number }) => {
      const between = text.slice(m.end, start.index).replace(/\b[a-z]\)/g, ''); // "inciso b)" closes nothing
      return (between.match(/\)/g)?.length ?? 0) > (between.match(/\(/g)?.length ?? 0);
    };
    const preceding = mentions.filter((m) => m.end <= start.index && !attached.has(m.index) && !closed(m)).at(-1);
    const law = following?.law ?? preceding?.law ?? fallback;
    for (const i of items)
      found.push({ law, art: i.art, ...(i.fr ? { fr: i.fr } : {}), index: start.index, text: text.slice(start.index, at) });
  }
  return found;
}

/** The articles of the laws in force, as content/legal/articles.json stores them. */
export interface LawData {
  laws: Record<string, LawArticles>;
}

/** A citation found in prose: the law it belongs to (null when the text does not say). */
export interface TextCitation {
  law: string | null;
  art: string;
  fr?: string;
  /** Where the citation starts in the text, and the citation as written. */
  index: number;
  text: string;
}
