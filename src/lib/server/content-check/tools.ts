import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checklistSchema } from '../../tools/checklist-schema.ts';
import { riskDataSchema } from '../../tools/risk-schema.ts';
import { parseDocument } from 'yaml';

type Report = (file: string, line: number, message: string) => void;

/**
 * The tools' content (content/tools/, issue 15): each checklist valid, named as its id, taught by
 * a lesson that exists and shows it with <Checklist id="…" />; every <Checklist> in a lesson known;
 * the risk targeting data (tools/risk/employers.json, from scripts/generate-risk-data.ts) valid and fictional.
 */
export function checkTools(root: string, lessons: Map<string, { file: string; body: string }>, report: Report): void {
  const dir = join(root, 'tools', 'checklists');
  const ids = new Set<string>();
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
    : [];
  for (const name of files) {
    const file = join(dir, name);
    const data = readChecklist(file, report);
    if (!data) continue;
    ids.add(data.id);
    if (basename(name, '.yaml') !== data.id) report(file, 1, `el archivo debe llamarse ${data.id}.yaml, como su id`);
    const lesson = lessons.get(data.lesson);
    if (!lesson) report(file, 1, `lesson "${data.lesson}" no existe en content/modules/`);
    else if (!lesson.body.includes(`<Checklist id="${data.id}"`))
      report(file, 1, `la lección ${data.lesson} no muestra la lista: agregue <Checklist id="${data.id}" />`);
  }
  const riskFile = join(root, 'tools', 'risk', 'employers.json');
  if (existsSync(riskFile)) {
    try {
      const result = riskDataSchema.safeParse(JSON.parse(readFileSync(riskFile, 'utf8')));
      if (!result.success)
        for (const issue of result.error.issues) report(riskFile, 1, `${issue.path.join('.') || '(archivo)'}: ${issue.message}`);
    } catch (error) {
      report(riskFile, 1, `JSON inválido: ${(error as Error).message}`);
    }
  }
  for (const lesson of lessons.values()) {
    for (const m of lesson.body.matchAll(/<Checklist\b([^>]*)>/g)) {
      const id = /\bid="([^"]*)"/.exec(m[1] ?? '')?.[1];
      const line = lesson.body.slice(0, m.index).split('\n').length;
      if (!id) report(lesson.file, line, '<Checklist> sin id');
      else if (!ids.has(id)) report(lesson.file, line, `lista desconocida "${id}": no existe content/tools/checklists/${id}.yaml`);
    }
  }
}

function readChecklist(file: string, report: Report): ReturnType<typeof checklistSchema.parse> | null {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) report(file, e.linePos?.[0]?.line ?? 1, `YAML inválido: ${e.message.split('\n')[0]}`);
    return null;
  }
  const result = checklistSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const text = readFileSync(file, 'utf8').split('\n');
  for (const issue of result.error.issues) {
    const key = [...issue.path].reverse().find((p) => typeof p === 'string');
    const line = key ? text.findIndex((l) => l.includes(`${String(key)}:`)) + 1 : 1;
    report(file, Math.max(line, 1), `${issue.path.join('.') || '(archivo)'}: ${issue.message}`);
  }
  return null;
}
