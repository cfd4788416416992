import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, visit, type YAMLMap } from 'yaml';
import { extractCitations } from '../../content/citations.ts';
import { parseCitation } from '../../content/inspection-schema.ts';
import { CHECKED_LAWS, checkCitation, extractTextCitations, type LawData, lawMentions } from './law-citations.ts';

type Report = (file: string, line: number, message: string) => void;

/**
 * Every citation of the course against the articles in force (content/legal/articles.json): each
 * <LegalRef/> of the lessons, each article a quiz cites in its prompts and feedback, and the
 * legal index of the practice inspections. A missing or repealed article or fraction of LFT,
 * CPEUM, LSS, LFPED or LGAMVLV is a problem; citations of other instruments are counted.
 */
export function checkLawCitations(
  root: string,
  data: LawData,
  lessons: { file: string; body: string; bodyStartLine: number }[],
  report: Report,
): CitationCount {
  const count: CitationCount = { checked: 0, other: new Map(), unattributed: 0 };
  const tally = (file: string, line: number, citation: { law: string | null; art?: string; fr?: string }, label: string) => {
    if (!citation.art) return;
    if (!citation.law) {
      if (process.env.AULA_DEBUG_CITATIONS) console.error(`${file}:${line}: ${label}: sin ley identificable`);
      count.unattributed++;
      return;
    }
    if (!(CHECKED_LAWS as readonly string[]).includes(citation.law)) {
      const name = citation.law.replace(/^other:/, '');
      count.other.set(name, (count.other.get(name) ?? 0) + 1);
      return;
    }
    count.checked++;
    const problem = checkCitation(data, { law: citation.law, art: citation.art, ...(citation.fr ? { fr: citation.fr } : {}) });
    if (problem) report(file, line, `${label}: ${problem}`);
  };

  for (const lesson of lessons)
    for (const c of extractCitations(lesson.body)) {
      const attrs = [`law="${c.law}"`, ...(c.art ? [`art="${c.art}"`] : []), ...(c.fr ? [`fr="${c.fr}"`] : [])].join(' ');
      tally(lesson.file, lesson.bodyStartLine + c.line - 1, c, `<LegalRef ${attrs} />`);
    }

  const modules = join(root, 'modules');
  const quizFiles = existsSync(modules)
    ? readdirSync(modules)
        .sort()
        .map((dir) => join(modules, dir, 'quiz.yaml'))
        .filter((f) => existsSync(f))
    : [];
  for (const file of quizFiles) checkYamlProse(file, /^(?:feedback\w*|prompt|left|right)$/, tally);

  const inspections = join(root, 'tools', 'inspections');
  if (existsSync(inspections))
    for (const name of readdirSync(inspections)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const file = join(inspections, name);
      const lines = readFileSync(file, 'utf8').split('\n');
      const seen = new Set<string>();
      // The scenario's legal index ("LFT, art. 133, fr. XIV" in basis, distractors, extraArticles).
      lines.forEach((line, i) => {
        for (const m of line.matchAll(/"([A-Z][\w-]*, art\. [^"]+)"/g)) {
          const parsed = parseCitation(m[1] ?? '');
          if (!parsed || seen.has(m[1] ?? '')) continue;
          seen.add(m[1] ?? '');
          tally(file, i + 1, parsed, `«${m[1]}»`);
        }
      });
    }
  return count;
}

/**
 * The citations in the prose of a YAML file (the values of keys matching `keys`), with the line
 * each is on. A citation that names no law takes the first law its question names.
 */
function checkYamlProse(
  file: string,
  keys: RegExp,
  tally: (file: string, line: number, c: { law: string | null; art?: string; fr?: string }, label: string) => void,
): void {
  const source = readFileSync(file, 'utf8');
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter });
  if (doc.errors.length > 0) return; // the schema check reports it
  // An article cited without its law belongs to the law its question names: the only one it
  // names, or the LFT when it names several with the LFT among them; a question that names none
  // takes the law the whole file names most.
  const lawsIn = (text: string) => lawMentions(text).map((m) => m.law);
  const mainLaw = (laws: string[]): string | null => {
    const checked = laws.filter((l) => (CHECKED_LAWS as readonly string[]).includes(l));
    if (new Set(checked).size === 1) return checked[0] ?? null;
    if (checked.includes('LFT')) return 'LFT';
    return null;
  };
  const counts = new Map<string, number>();
  for (const l of lawsIn(source)) counts.set(l, (counts.get(l) ?? 0) + 1);
  const fileLaw = [...counts].filter(([l]) => (CHECKED_LAWS as readonly string[]).includes(l)).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const byQuestion = new Map<YAMLMap, string | null>();
  const questionLaw = (map: YAMLMap | undefined): string | null => {
    if (!map) return fileLaw;
    if (!byQuestion.has(map)) {
      const laws = lawsIn(map.range ? source.slice(map.range[0], map.range[2]) : '');
      byQuestion.set(map, laws.length ? mainLaw(laws) : fileLaw);
    }
    return byQuestion.get(map) ?? null;
  };
  visit(doc, {
    Pair(_, pair, path) {
      if (!isScalar(pair.key) || !keys.test(String(pair.key.value)) || !isScalar(pair.value)) return;
      const value = pair.value.value;
      if (typeof value !== 'string') return;
      const question = [...path].reverse().find((n): n is YAMLMap => isMap(n) && n.has('prompt'));
      const [start = 0, end = 0] = pair.value.range ?? [];
      const raw = source.slice(start, end);
      for (const c of extractTextCitations(value, questionLaw(question))) {
        // The line of the citation in the file: found in the raw scalar, else where the value starts.
        const offset = raw.indexOf(c.text.split(/\s+/).slice(0, 2).join(' '));
        const line = counter.linePos(start + Math.max(0, offset)).line;
        tally(file, line, c, `cita «${c.text}»${c.law && !c.law.startsWith('other:') ? ` (${c.law})` : ''}`);
      }
    },
  });
}

/** How many citations were checked, and how many of other instruments could not be. */
export interface CitationCount {
  checked: number;
  /** Citations of instruments whose text is not in the sources, by instrument. */
  other: Map<string, number>;
  /** Articles cited in prose without a law the text names. */
  unattributed: number;
}
