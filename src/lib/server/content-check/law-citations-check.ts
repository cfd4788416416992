import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Scalar, visit, type YAMLMap } from 'yaml';
import { extractCitations } from '../../content/citations.ts';
import { parseCitation } from '../../content/inspection-schema.ts';
import { type Citation, formatCitation } from '../../content/legal.ts';
import { CHECKED_LAWS, checkCitation, extractTextCitations, type LawData, lawMentions } from './law-citations.ts';

type Report = (file: string, line: number, message: string) => void;

/**
 * Every citation of the course against the articles in force (content/legal/articles.json): each
 * <LegalRef/> and <SelfCheck> of the lessons, each article a quiz cites in its prompts and
 * feedback, the legal index of the practice inspections, the checklists' legalBasis, and the
 * tools' feedback. A missing or repealed article or fraction of LFT, CPEUM, LSS, LFPED or LGAMVLV
 * is a problem; citations of other instruments, and of articles whose law no text names, are counted.
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

  for (const lesson of lessons) {
    const refs = extractCitations(lesson.body);
    for (const c of refs) {
      const attrs = [`law="${c.law}"`, ...(c.art ? [`art="${c.art}"`] : []), ...(c.fr ? [`fr="${c.fr}"`] : [])].join(' ');
      tally(lesson.file, lesson.bodyStartLine + c.line - 1, c, `<LegalRef ${attrs} />`);
    }
    // A self-check is a quiz too: its feedback's citations, which name no law, take the one the
    // self-check names, else the law the lesson cites most.
    const lessonLaw = mostCited(refs.map((r) => r.law));
    for (const block of lesson.body.matchAll(/<SelfCheck\b[\s\S]*?\/>/g))
      for (const c of extractTextCitations(block[0], mainLaw(lawMentions(block[0]).map((m) => m.law)) ?? lessonLaw)) {
        const line = lesson.bodyStartLine + lesson.body.slice(0, block.index + c.index).split('\n').length - 1;
        tally(lesson.file, line, c, `<SelfCheck>: cita «${c.text}»${c.law && !c.law.startsWith('other:') ? ` (${c.law})` : ''}`);
      }
  }

  const modules = join(root, 'modules');
  const quizFiles = existsSync(modules)
    ? readdirSync(modules)
        .sort()
        .map((dir) => join(modules, dir, 'quiz.yaml'))
        .filter((f) => existsSync(f))
    : [];
  for (const file of quizFiles) checkYaml(file, /^(?:feedback\w*|prompt|left|right)$/, tally);

  // The practice inspections' legal index (basis, distractors, extraArticles: "LFT, art. 133, fr. XIV")
  // and the checklists' legalBasis, each with the citations their feedback writes in prose.
  for (const dir of ['inspections', 'checklists']) {
    const folder = join(root, 'tools', dir);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort())
      checkYaml(join(folder, name), /^(?:feedback\w*|legalNote)$/, tally);
  }
  return count;
}

/**
 * The citations of a YAML file, with the line each is on: in the prose of the keys matching
 * `keys`, in lists of citations as inspectors write them (basis, distractors, extraArticles) and
 * in legalBasis entries ({ law, art, fr }).
 */
function checkYaml(
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
  const fileLaw = mostCited(lawsIn(source));
  const byQuestion = new Map<YAMLMap, string | null>();
  const questionLaw = (map: YAMLMap | undefined): string | null => {
    if (!map) return fileLaw;
    if (!byQuestion.has(map)) {
      const laws = lawsIn(map.range ? source.slice(map.range[0], map.range[2]) : '');
      byQuestion.set(map, laws.length ? mainLaw(laws) : fileLaw);
    }
    return byQuestion.get(map) ?? null;
  };
  const lineOf = (node: { range?: [number, number, number] | null }) => counter.linePos(node.range?.[0] ?? 0).line;
  visit(doc, {
    Pair(_, pair, path) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (['basis', 'distractors', 'extraArticles', 'legalBasis'].includes(key) && isSeq(pair.value)) {
        for (const item of pair.value.items) {
          const citation = isScalar(item) ? parseCitation(String(item.value)) : isMap(item) ? (item.toJSON() as Citation) : null;
          if (!citation?.law) continue;
          const label = isScalar(item) ? `«${String(item.value)}»` : `${key}: ${formatCitation(citation)}`;
          tally(file, lineOf(item as Scalar), citation, label);
        }
        return;
      }
      if (!keys.test(key) || !isScalar(pair.value)) return;
      const value = pair.value.value;
      if (typeof value !== 'string') return;
      const question = [...path].reverse().find((n): n is YAMLMap => isMap(n) && n.has('prompt'));
      const [start = 0, end = 0] = pair.value.range ?? [];
      const raw = source.slice(start, end);
      for (const c of extractTextCitations(value, questionLaw(question))) {
        // The line of the citation in the file: found in the raw scalar at or after its place in the
        // value (quotes, escapes and folded lines only make the raw text longer), else where it starts.
        const snippet = c.text.split(/\s+/).slice(0, 2).join(' ');
        const offset = raw.indexOf(snippet, c.index) >= 0 ? raw.indexOf(snippet, c.index) : raw.indexOf(snippet);
        const line = counter.linePos(start + Math.max(0, offset)).line;
        tally(file, line, c, `cita «${c.text}»${c.law && !c.law.startsWith('other:') ? ` (${c.law})` : ''}`);
      }
    },
  });
}

/** The law of a question that names several: the only checked law it names, or the LFT among them. */
function mainLaw(laws: string[]): string | null {
  const checked = laws.filter((l) => (CHECKED_LAWS as readonly string[]).includes(l));
  if (new Set(checked).size === 1) return checked[0] ?? null;
  if (checked.includes('LFT')) return 'LFT';
  return null;
}

/** The checked law named most often, or null. */
function mostCited(laws: string[]): string | null {
  const counts = new Map<string, number>();
  for (const l of laws) if ((CHECKED_LAWS as readonly string[]).includes(l)) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** How many citations were checked, and how many of other instruments could not be. */
export interface CitationCount {
  checked: number;
  /** Citations of instruments whose text is not in the sources, by instrument. */
  other: Map<string, number>;
  /** Articles cited in prose without a law the text names. */
  unattributed: number;
}
