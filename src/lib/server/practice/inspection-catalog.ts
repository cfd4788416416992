import { type LoadedInspection, parseInspection, sortInspections } from './inspection-content.ts';

/**
 * The practice inspections as the server serves them: the YAML files are bundled at build time
 * (content is fixed in a build), parsed once per process. Scripts and tests read the folder
 * instead (loadInspectionsFromDir).
 */
const files = import.meta.glob('/content/tools/inspections/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

let cached: LoadedInspection[] | undefined;

export function getInspections(): LoadedInspection[] {
  if (!cached) cached = sortInspections(Object.values(files).map(parseInspection));
  return cached;
}

export function getInspection(slug: string): LoadedInspection | null {
  return getInspections().find((i) => i.scenario.slug === slug) ?? null;
}

/** Module slug → how many practice inspections it has (for "what is missing"). */
export function inspectionCountsByModule(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { scenario } of getInspections()) counts.set(scenario.module, (counts.get(scenario.module) ?? 0) + 1);
  return counts;
}
