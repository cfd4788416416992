import { parse } from 'yaml';
import { type Checklist, checklistSchema } from './checklist-schema.ts';

/** The checklists in content/tools/checklists/, bundled at build time and validated once. */
const files = import.meta.glob<string>('../../../content/tools/checklists/*.yaml', { query: '?raw', import: 'default', eager: true });

let cached: Map<string, Checklist> | undefined;

export function getChecklists(): Map<string, Checklist> {
  if (!cached) {
    cached = new Map();
    for (const [file, text] of Object.entries(files)) {
      const parsed = checklistSchema.safeParse(parse(text));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      cached.set(parsed.data.id, parsed.data);
    }
  }
  return cached;
}

export function getChecklist(id: string): Checklist | null {
  return getChecklists().get(id) ?? null;
}
