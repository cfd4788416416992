import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { citationAnchor } from '../../content/legal.ts';
import { inspectionScenarioSchema, parseCitation } from '../../content/inspection-schema.ts';

type Report = (file: string, line: number, message: string) => void;

/**
 * Practice inspections (content/tools/inspections/*.yaml, issue 15): the schema; the file named
 * after its slug; unique ids; every cited article in the legal index (an article some lesson
 * cites with <LegalRef/>, fractions folded in); every lesson link to an existing lesson and
 * heading; each fact's bases and distractors disjoint.
 */
export function checkInspections(
  root: string,
  lessons: Map<string, { anchors: Set<string> }>,
  legalAnchors: Set<string>,
  modules: Set<string>,
  report: Report,
): void {
  const dir = join(root, 'tools', 'inspections');
  if (!existsSync(dir)) return;
  const slugs = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()) {
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8');
    const lineOf = (needle: string) => {
      const i = text.split('\n').findIndex((l) => l.includes(needle));
      return i >= 0 ? i + 1 : 1;
    };
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) report(file, e.linePos?.[0]?.line ?? 1, `YAML inválido: ${e.message.split('\n')[0]}`);
      continue;
    }
    const result = inspectionScenarioSchema.safeParse(doc.toJS());
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = [...issue.path].reverse().find((p) => typeof p === 'string');
        report(file, key ? lineOf(`${String(key)}:`) : 1, `${issue.path.join('.') || '(archivo)'}: ${issue.message}`);
      }
      continue;
    }
    const s = result.data;
    if (basename(name).replace(/\.ya?ml$/, '') !== s.slug)
      report(file, lineOf('slug:'), `el archivo debe llamarse ${s.slug}.yaml, como su slug`);
    const other = slugs.get(s.slug);
    if (other) report(file, lineOf('slug:'), `slug "${s.slug}" repetido: también lo tiene ${other}`);
    slugs.set(s.slug, name);
    if (!modules.has(s.module)) report(file, lineOf('module:'), `módulo desconocido "${s.module}": no existe content/modules/${s.module}/`);

    for (const [what, items] of [
      ['documents', s.documents],
      ['interviews', s.interviews],
      ['checklist', s.checklist],
      ['facts', s.facts],
      ['measures', s.measures],
    ] as const) {
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.id)) report(file, lineOf(`id: ${item.id}`), `${what}: id "${item.id}" repetido`);
        seen.add(item.id);
      }
    }
    if (!s.facts.some((f) => f.violation)) report(file, lineOf('facts:'), 'facts: declare al menos un hecho que sea violación');

    const citations = [...s.extraArticles, ...s.facts.flatMap((f) => [...f.basis, ...f.distractors])];
    for (const c of new Set(citations)) {
      const parsed = parseCitation(c);
      if (parsed && !legalAnchors.has(citationAnchor(parsed)))
        report(file, lineOf(c), `«${c}» no está en el índice legal: ninguna lección cita ${parsed.law} art. ${parsed.art} con <LegalRef/>`);
    }
    for (const f of s.facts) {
      if (f.violation && f.basis.length === 0)
        report(file, lineOf(`id: ${f.id}`), `facts.${f.id}: una violación necesita al menos un fundamento (basis)`);
      if (!f.violation && f.basis.length > 0)
        report(file, lineOf(`id: ${f.id}`), `facts.${f.id}: un hecho que cumple no lleva basis; use distractors`);
      for (const d of f.distractors)
        if (f.basis.includes(d)) report(file, lineOf(`id: ${f.id}`), `facts.${f.id}: «${d}» está a la vez en basis y en distractors`);
    }

    const refs = [
      s.lesson,
      s.type.lesson,
      ...[...s.documents, ...s.interviews, ...s.checklist, ...s.facts, ...s.measures].map((i) => i.lesson),
    ].filter((r): r is string => Boolean(r));
    for (const ref of new Set(refs)) {
      const [id, anchor] = ref.split('#') as [string, string | undefined];
      const lesson = lessons.get(id);
      if (!lesson) report(file, lineOf(ref), `lección desconocida "${id}": no existe content/modules/${id}.mdx`);
      else if (anchor && !lesson.anchors.has(anchor))
        report(file, lineOf(ref), `ancla rota: ${ref} (no hay un encabezado con ese id en ${id})`);
    }
  }
}
