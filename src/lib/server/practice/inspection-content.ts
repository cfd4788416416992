import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { formatCitation } from '../../content/legal.ts';
import { type InspectionScenario, inspectionScenarioSchema, parseCitation } from '../../content/inspection-schema.ts';

/** A scenario with its content hash: an attempt keeps the version it began with. */
export interface LoadedInspection {
  scenario: InspectionScenario;
  version: string;
}

/** Where instructors author practice inspections (docs/authoring.md). */
export const INSPECTIONS_DIR = 'content/tools/inspections';

export function inspectionVersion(raw: string): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

/** Parses one YAML file; throws on a schema error (content:check reports those with lines). */
export function parseInspection(raw: string): LoadedInspection {
  return { scenario: inspectionScenarioSchema.parse(parse(raw)), version: inspectionVersion(raw) };
}

/** Sorted by `order`. */
export function sortInspections(list: LoadedInspection[]): LoadedInspection[] {
  return [...list].sort((a, b) => a.scenario.order - b.scenario.order || a.scenario.slug.localeCompare(b.scenario.slug));
}

/** For scripts and tests, which run outside Astro; the server bundles the files (inspection-catalog.ts). */
export function loadInspectionsFromDir(dir = INSPECTIONS_DIR): LoadedInspection[] {
  if (!existsSync(dir)) return [];
  return sortInspections(
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => parseInspection(readFileSync(join(dir, f), 'utf8'))),
  );
}

/**
 * The articles a learner may pick for a finding: every basis and distractor of the scenario plus
 * its extra articles, deduplicated and in the law's natural order. The same list for every
 * fact, so it says nothing about which article goes with which fact.
 */
export function articleOptions(scenario: InspectionScenario): { value: string; label: string }[] {
  const all = new Set<string>(scenario.extraArticles);
  for (const f of scenario.facts) for (const c of [...f.basis, ...f.distractors]) all.add(c);
  const key = (c: string) => {
    const p = parseCitation(c);
    const n = /^(\d+)/.exec(p?.art ?? '');
    return [p?.law ?? '', n ? Number(n[1]) : 99999, c] as const;
  };
  return [...all]
    .sort((a, b) => {
      const [la, na, ca] = key(a);
      const [lb, nb, cb] = key(b);
      return la.localeCompare(lb) || na - nb || ca.localeCompare(cb, 'es');
    })
    .map((c) => {
      const p = parseCitation(c);
      return { value: c, label: p ? formatCitation(p) : c };
    });
}
