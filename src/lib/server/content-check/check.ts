import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'astro/zod';
import { extractCitations } from '../../content/citations.ts';
import { splitFrontmatter } from '../../content/frontmatter.ts';
import { citationAnchor } from '../../content/legal.ts';
import { quizSchema } from '../../content/quiz-schema.ts';
import { glossaryEntrySchema, LAWS, lessonSchema, moduleSchema, programSchema } from '../../content/schemas.ts';
import { checkInspections } from './inspections.ts';
import { checkPendingNotes, describePendingNotes } from './pending-notes.ts';
import { checkLawCitations } from './law-citations-check.ts';
import { loadLawData } from './law-citations.ts';
import { checkTools } from './tools.ts';

/** One problem, printed as `file:line: message` so editors can jump to it. */
export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

interface ParsedLesson {
  file: string;
  id: string;
  moduleSlug: string;
  data: z.output<typeof lessonSchema> | null;
  body: string;
  bodyStartLine: number;
  anchors: Set<string>;
}

const MIN_WORDS = 500;

/**
 * Checks the whole course in `root` (normally content/): schemas, hours per module and in total,
 * internal links and anchors, images without alt text, unknown glossary terms and laws,
 * duplicate slugs and orders, the length of each lesson, and the form of its pending notes. Reads files only.
 */
export function checkContent(root: string, notes: string[] = []): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const report = (file: string, line: number, message: string) =>
    problems.push({ file: relative(process.cwd(), file) || file, line, message });

  const programFile = join(root, 'program.yaml');
  const program = readYaml(programFile, programSchema, report);
  const glossaryFile = join(root, 'glossary.yaml');
  const glossaryIds = checkGlossary(glossaryFile, report);

  const modulesDir = join(root, 'modules');
  const moduleDirs = existsSync(modulesDir)
    ? readdirSync(modulesDir)
        .filter((d) => statSync(join(modulesDir, d)).isDirectory())
        .sort()
    : [];
  const lessons: ParsedLesson[] = [];
  const modules = new Map<string, { file: string; data: z.output<typeof moduleSchema> | null }>();
  const moduleNumbers = new Map<number, string>();

  for (const dir of moduleDirs) {
    if (!/^\d{2}-[a-z0-9-]+$/.test(dir))
      report(join(modulesDir, dir), 1, `la carpeta del módulo debe llamarse NN-slug (p. ej. 04-subcontratacion-repse); se llama "${dir}"`);
    const moduleFile = join(modulesDir, dir, 'module.yaml');
    if (!existsSync(moduleFile)) {
      report(join(modulesDir, dir), 1, 'falta module.yaml');
      continue;
    }
    const data = readYaml(moduleFile, moduleSchema, report);
    modules.set(dir, { file: moduleFile, data });
    if (data) {
      const other = moduleNumbers.get(data.number);
      if (other) report(moduleFile, 1, `number ${data.number} repetido: también lo tiene ${other}`);
      moduleNumbers.set(data.number, dir);
    }
    const quizFile = join(modulesDir, dir, 'quiz.yaml');
    if (existsSync(quizFile)) readYaml(quizFile, quizSchema, report);
    const orders = new Map<number, string>();
    for (const name of readdirSync(join(modulesDir, dir))
      .filter((f) => f.endsWith('.mdx'))
      .sort()) {
      const lesson = readLesson(join(modulesDir, dir, name), dir, report);
      lessons.push(lesson);
      if (!/^\d{2}-[a-z0-9-]+\.mdx$/.test(name))
        report(lesson.file, 1, `el archivo debe llamarse NN-slug.mdx (minúsculas, sin acentos); se llama "${name}"`);
      if (lesson.data) {
        const other = orders.get(lesson.data.order);
        if (other) report(lesson.file, 1, `order ${lesson.data.order} repetido en el módulo: también lo tiene ${other}`);
        orders.set(lesson.data.order, name);
      }
    }
  }

  // Hours: the budget of each module adds up to its hours, its lessons to the study budget, and the
  // modules to the program's hours (docs/decisions/014-hours-budget.md).
  for (const [dir, { file, data }] of modules) {
    if (!data) continue;
    const { study, live, practice, evaluation } = data.budget;
    const budgeted = study + live + practice + evaluation;
    if (Math.abs(budgeted - data.hours) > 1e-9)
      report(
        file,
        lineOf(file, 'budget'),
        `budget suma ${budgeted} h (estudio ${study} + sesiones ${live} + práctica ${practice} + evaluación ${evaluation}) y el módulo declara ${data.hours} h`,
      );
    const moduleLessons = lessons.filter((l) => l.moduleSlug === dir && l.data && !l.data.draft);
    const sum = moduleLessons.reduce((s, l) => s + (l.data?.hours ?? 0), 0);
    if (moduleLessons.length === 0) report(file, 1, 'el módulo no tiene lecciones publicadas');
    else if (Math.abs(sum - study) > 1e-9)
      report(file, lineOf(file, 'study'), `las lecciones publicadas suman ${sum} h y budget.study declara ${study} h`);
    for (const p of data.prerequisites)
      if (!modules.has(p)) report(file, lineOf(file, p), `requisito desconocido "${p}": no existe content/modules/${p}/`);
  }
  if (program) {
    for (const slug of program.modules)
      if (!modules.has(slug)) report(programFile, lineOf(programFile, slug), `el módulo "${slug}" no existe en content/modules/`);
    for (const dir of modules.keys())
      if (!program.modules.includes(dir)) report(programFile, 1, `el módulo "${dir}" existe pero no está en la lista modules`);
    const total = program.modules.reduce((s, slug) => s + (modules.get(slug)?.data?.hours ?? 0), 0);
    if (Math.abs(total - program.totalHours) > 1e-9)
      report(programFile, lineOf(programFile, 'totalHours'), `los módulos suman ${total} h y el programa declara ${program.totalHours} h`);
  }

  // Bodies: links, anchors, images, glossary terms, laws and length.
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  // Open points take one form, <Callout type="pendiente">, counted in `notes`; «Por verificar» is refused (issue 16).
  const pending = { notes: 0, lessons: 0 };
  for (const lesson of lessons) {
    checkBody(lesson, lessonById, modules, glossaryIds, report);
    const n = checkPendingNotes(lesson.file, report);
    pending.notes += n;
    if (n > 0) pending.lessons += 1;
  }
  notes.push(describePendingNotes(pending));
  // Practice inspections (issue 15): their articles must be in the legal index, their links real.
  const legalAnchors = new Set(lessons.flatMap((l) => extractCitations(l.body).map((c) => citationAnchor(c))));
  checkInspections(root, lessonById, legalAnchors, new Set(modules.keys()), report);
  checkTools(root, lessonById, report);
  // Citations against the articles in force (content/legal/articles.json, issue 16); `notes` gets
  // how many were checked and how many cite instruments whose text is not in the sources.
  const laws = loadLawData(join(root, 'legal', 'articles.json'));
  if (laws) {
    const count = checkLawCitations(root, laws, lessons, report);
    const other = [...count.other].sort((a, b) => b[1] - a[1]);
    const unchecked = other.reduce((n, [, c]) => n + c, 0) + count.unattributed;
    const parts = [
      ...other.map(([law, n]) => `${law} ${n}`),
      ...(count.unattributed ? [`${count.unattributed} sin ley identificable`] : []),
    ];
    notes.push(
      `Citas legales: ${count.checked} verificadas contra ${join(root, 'legal', 'articles.json')}; ` +
        `${unchecked} de otros instrumentos sin verificar${parts.length ? ` (${parts.join(', ')})` : ''}.`,
    );
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function readYaml<T extends z.ZodType>(file: string, schema: T, report: (f: string, l: number, m: string) => void): z.output<T> | null {
  if (!existsSync(file)) {
    report(file, 1, 'el archivo no existe');
    return null;
  }
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) report(file, e.linePos?.[0]?.line ?? 1, `YAML inválido: ${e.message.split('\n')[0]}`);
    return null;
  }
  return validate(file, doc.toJS(), schema, (path) => lineOfPath(file, path), report);
}

function validate<T extends z.ZodType>(
  file: string,
  value: unknown,
  schema: T,
  line: (path: PropertyKey[]) => number,
  report: (f: string, l: number, m: string) => void,
): z.output<T> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : '(archivo)';
    report(file, line(issue.path), `${field}: ${issue.message}`);
  }
  return null;
}

function checkGlossary(file: string, report: (f: string, l: number, m: string) => void): Set<string> {
  const ids = new Set<string>();
  if (!existsSync(file)) {
    report(file, 1, 'el archivo no existe');
    return ids;
  }
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter });
  const entries = doc.toJS();
  if (!Array.isArray(entries)) {
    report(file, 1, 'el glosario debe ser una lista de términos');
    return ids;
  }
  entries.forEach((entry: unknown, index: number) => {
    const data = validate(file, entry, glossaryEntrySchema, () => lineOf(file, `id: ${(entry as { id?: string })?.id ?? ''}`), report);
    if (!data) return;
    if (ids.has(data.id)) report(file, lineOf(file, `id: ${data.id}`), `id "${data.id}" repetido (entrada ${index + 1})`);
    ids.add(data.id);
  });
  return ids;
}

function readLesson(file: string, moduleSlug: string, report: (f: string, l: number, m: string) => void): ParsedLesson {
  const text = readFileSync(file, 'utf8');
  const id = `${moduleSlug}/${basename(file, '.mdx')}`;
  const split = splitFrontmatter(text);
  if (!split) {
    report(file, 1, 'falta el frontmatter (--- … ---) al inicio');
    return { file, id, moduleSlug, data: null, body: text, bodyStartLine: 1, anchors: new Set() };
  }
  const { frontmatter, body, bodyStartLine } = split;
  const doc = parseDocument(frontmatter);
  let data: ParsedLesson['data'] = null;
  if (doc.errors.length > 0) report(file, 2, `YAML inválido en el frontmatter: ${doc.errors[0]?.message.split('\n')[0]}`);
  else data = validate(file, doc.toJS(), lessonSchema, (path) => 1 + lineIn(frontmatter, String(path[0] ?? '')), report);
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const h of body.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) anchors.add(slugger.slug(h[1] ?? ''));
  return { file, id, moduleSlug, data, body, bodyStartLine, anchors };
}

function checkBody(
  lesson: ParsedLesson,
  lessons: Map<string, ParsedLesson>,
  modules: Map<string, unknown>,
  glossaryIds: Set<string>,
  report: (f: string, l: number, m: string) => void,
): void {
  const at = (index: number) => lesson.bodyStartLine + lesson.body.slice(0, index).split('\n').length - 1;
  const { body, file } = lesson;

  for (const m of body.matchAll(/\]\((\/diplomado\/[^)\s]*|#[^)\s]*)\)|href="(\/diplomado\/[^"]*|#[^"]*)"/g)) {
    const href = m[1] ?? m[2] ?? '';
    const [path, anchor] = href.split('#') as [string, string | undefined];
    let target: ParsedLesson | undefined = lesson;
    if (path) {
      const rest = path.replace(/^\/diplomado\/?/, '').replace(/\/$/, '');
      // The tool-practice pages (issue 15) are pages of the diplomado too.
      const known =
        ['', 'legislacion', 'glosario', 'buscar', 'herramientas/indicadores', 'herramientas/expediente'].includes(rest) ||
        modules.has(rest);
      target = lessons.get(rest);
      if (!known && !target) {
        report(file, at(m.index), `enlace roto: ${href} no es una lección, módulo ni página del diplomado`);
        continue;
      }
    }
    if (anchor && target && !target.anchors.has(anchor))
      report(file, at(m.index), `ancla rota: ${href} (no hay un encabezado con ese id en ${target.id})`);
  }

  for (const m of body.matchAll(/!\[([^\]]*)\]\(([^)]*)\)/g)) {
    if (!(m[1] ?? '').trim()) report(file, at(m.index), `imagen sin texto alternativo: ${m[2]}`);
  }
  for (const m of body.matchAll(/<(Figure|img)\b([^>]*)>/g)) {
    const alt = /\balt=(?:"([^"]*)"|\{["']([^"']*)["']\})/.exec(m[2] ?? '');
    if (!alt || !(alt[1] ?? alt[2] ?? '').trim()) report(file, at(m.index), `<${m[1]}> sin texto alternativo (alt)`);
  }
  for (const m of body.matchAll(/<Video\b([^>]*)>/g)) {
    if (!/\bcaptions="[^"]+\.vtt"/.test(m[1] ?? '')) report(file, at(m.index), '<Video> sin subtítulos (captions="….vtt")');
  }
  for (const m of body.matchAll(/<Term\b([^>]*)>/g)) {
    const id = /\bid="([^"]*)"/.exec(m[1] ?? '')?.[1];
    if (!id) report(file, at(m.index), '<Term> sin id');
    else if (!glossaryIds.has(id))
      report(file, at(m.index), `término desconocido "${id}": agréguelo a content/glossary.yaml o corrija el id`);
  }
  for (const c of extractCitations(body)) {
    if (!(LAWS as readonly string[]).includes(c.law))
      report(file, lesson.bodyStartLine + c.line - 1, `<LegalRef law="${c.law}">: ley desconocida; use una de ${LAWS.join(', ')}`);
  }
  if (/<!--/.test(body)) report(file, at(body.indexOf('<!--')), 'los comentarios HTML no funcionan en MDX; use {/* … */}');

  const words = body
    .replace(/<[^>]+>/g, ' ')
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length;
  if (lesson.data && !lesson.data.draft && words < MIN_WORDS)
    report(file, lesson.bodyStartLine, `la lección tiene ${words} palabras; una lección publicada necesita al menos ${MIN_WORDS}`);
}

function lineIn(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : 1;
}

function lineOf(file: string, needle: string): number {
  return lineIn(readFileSync(file, 'utf8'), needle);
}

function lineOfPath(file: string, path: PropertyKey[]): number {
  const key = [...path].reverse().find((p) => typeof p === 'string');
  return key ? lineOf(file, `${String(key)}:`) : 1;
}
