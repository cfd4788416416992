import { t } from '../../../i18n/index.ts';
import { formatHours, formatInteger } from '../../format.ts';
import type { Executor } from '../db.ts';
import type { HoursPlan } from '../hours/plan.ts';
import { VersionedCache } from './cache.ts';
import { columnChart, heatMap } from './charts.ts';
import { type CohortDates, getCohortProgress, type LearnerProgress } from './cohort-progress.ts';
import { cohortDataVersion } from './data-version.ts';
import { PACE_STATUSES, type PaceStatus } from './pace.ts';

/** The filters of the dashboard's GET form; null is "all". */
export interface DashboardFilters {
  state: string | null;
  office: string | null;
  gender: string | null;
}

export function parseDashboardFilters(params: URLSearchParams): DashboardFilters {
  const pick = (name: string) => params.get(name)?.trim() || null;
  return { state: pick('entidad'), office: pick('oficina'), gender: pick('genero') };
}

/** Completion bands of a module, as the heat map's columns. */
export const MODULE_BANDS = ['none', 'some', 'half', 'complete'] as const;
export type ModuleBand = (typeof MODULE_BANDS)[number];

const progressCache = new VersionedCache<LearnerProgress[]>(100);
const viewCache = new VersionedCache<CohortDashboard>(400);

/**
 * A cohort's dashboard for its instructors and coordination: statuses, the hours histogram and
 * the module heat map of the learners the filters keep, with the filter choices of the whole
 * cohort. Cached until the cohort's data changes (data-version.ts): one cheap query per request
 * when nothing changed.
 */
export function getCohortDashboard(
  db: Executor,
  cohort: CohortDates,
  plan: HoursPlan,
  filters: DashboardFilters,
  now = new Date(),
): CohortDashboard {
  const versionOf = versionOnce(db, cohort.id, now);
  const all = progressCache.get(`${cohort.id}`, versionOf, () => getCohortProgress(db, cohort, plan, now), now.getTime());
  const key = `${cohort.id}\u0000${filters.state ?? ''}\u0000${filters.office ?? ''}\u0000${filters.gender ?? ''}`;
  return viewCache.get(key, versionOf, () => buildDashboard(all, plan, filters), now.getTime());
}

/** The learners of a cohort with their progress, cached like the dashboard (for exports). */
export function getCachedCohortProgress(db: Executor, cohort: CohortDates, plan: HoursPlan, now = new Date()): LearnerProgress[] {
  return progressCache.get(`${cohort.id}`, versionOnce(db, cohort.id, now), () => getCohortProgress(db, cohort, plan, now), now.getTime());
}

/** The cohort's data version, asked at most once per request. */
function versionOnce(db: Executor, cohortId: number, now: Date): () => string {
  let version: string | undefined;
  return () => {
    version ??= cohortDataVersion(db, cohortId, now);
    return version;
  };
}

/** Empties every dashboard cache, the program view's too (tests open a new database each). */
export function clearDashboardCache(): void {
  VersionedCache.clearAll();
}

export function filterLearners(all: readonly LearnerProgress[], filters: DashboardFilters): LearnerProgress[] {
  return all.filter(
    (l) =>
      (!filters.state || l.state === filters.state) &&
      (!filters.office || l.office === filters.office) &&
      (!filters.gender || (l.gender ?? 'unset') === filters.gender),
  );
}

function buildDashboard(all: readonly LearnerProgress[], plan: HoursPlan, filters: DashboardFilters): CohortDashboard {
  const learners = filterLearners(all, filters);
  const counts = Object.fromEntries(PACE_STATUSES.map((s) => [s, 0])) as Record<PaceStatus, number>;
  for (const l of learners) counts[l.status] += 1;
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'es'));
  return {
    learners,
    total: learners.length,
    counts,
    options: {
      states: sorted(all.map((l) => l.state)),
      // Offices of the chosen state only, so the list stays short and consistent.
      offices: sorted(all.filter((l) => !filters.state || l.state === filters.state).map((l) => l.office)),
      genders: sorted(all.map((l) => l.gender ?? 'unset')),
    },
    histogram: histogramOf(learners, plan),
    heat: heatOf(learners, plan),
  };
}

/** Learners per 10 hours credited (the last bin holds the program's end: 110–120 h). */
function histogramOf(learners: readonly LearnerProgress[], plan: HoursPlan): CohortDashboard['histogram'] {
  const binMinutes = 600;
  const binsCount = Math.max(1, Math.ceil(plan.totalMinutes / binMinutes));
  const bins = Array.from({ length: binsCount }, (_, i) => ({
    label: t('dashboard.histogram.bin', { from: (i * binMinutes) / 60, to: Math.min(((i + 1) * binMinutes) / 60, plan.totalMinutes / 60) }),
    value: 0,
  }));
  for (const l of learners) {
    const bin = bins[Math.min(binsCount - 1, Math.max(0, Math.floor(l.totalMinutes / binMinutes)))];
    if (bin) bin.value += 1;
  }
  const minutes = learners.map((l) => l.totalMinutes).sort((a, b) => a - b);
  const median = minutes.length ? (minutes[Math.floor((minutes.length - 1) / 2)] ?? 0) : 0;
  const average = minutes.length ? Math.round(minutes.reduce((a, b) => a + b, 0) / minutes.length) : 0;
  const summary =
    learners.length === 0
      ? t('dashboard.empty')
      : t('dashboard.histogram.summary', {
          median: formatHours(median),
          average: formatHours(average),
          program: formatHours(plan.totalMinutes),
        });
  const svg = columnChart({
    bars: bins,
    ariaLabel: t('dashboard.histogram.title'),
    xLabel: t('dashboard.histogram.x'),
    yLabel: t('dashboard.histogram.y'),
  });
  return { bins, summary, svg };
}

/** Per module, how many learners have none, some, half or all of its hours credited. */
function heatOf(learners: readonly LearnerProgress[], plan: HoursPlan): CohortDashboard['heat'] {
  const modules = plan.modules.map((m) => {
    const bands = Object.fromEntries(MODULE_BANDS.map((b) => [b, 0])) as Record<ModuleBand, number>;
    for (const l of learners) bands[bandOf(l.moduleMinutes[m.slug] ?? 0, m.minutes)] += 1;
    return { slug: m.slug, number: m.number, title: m.title, bands };
  });
  const total = learners.length;
  const columns = MODULE_BANDS.map((b) => t(`dashboard.band.${b}`));
  const rows = modules.map((m) => t('dashboard.module', { number: m.number }));
  const cells = modules.flatMap((m, i) =>
    MODULE_BANDS.map((b, j) => ({
      row: rows[i] as string,
      column: columns[j] as string,
      share: total ? m.bands[b] / total : 0,
      text: formatInteger(m.bands[b]),
    })),
  );
  const ranked = [...modules].sort((a, b) => b.bands.complete - a.bands.complete || a.number - b.number);
  const best = ranked[0];
  const worst = ranked.at(-1);
  const summary =
    total === 0 || !best || !worst
      ? t('dashboard.empty')
      : t('dashboard.heat.summary', {
          best: best.number,
          bestCount: formatInteger(best.bands.complete),
          worst: worst.number,
          worstCount: formatInteger(worst.bands.complete),
          total: formatInteger(total),
        });
  return { modules, summary, svg: heatMap({ cells, rows, columns, ariaLabel: t('dashboard.heat.title') }) };
}

function bandOf(credited: number, required: number): ModuleBand {
  if (credited <= 0) return 'none';
  if (credited >= required) return 'complete';
  return credited * 2 >= required ? 'half' : 'some';
}

export interface CohortDashboard {
  /** The learners the filters keep, in Spanish name order. */
  learners: LearnerProgress[];
  total: number;
  counts: Record<PaceStatus, number>;
  /** Filter choices from the whole cohort (offices: of the chosen state). */
  options: { states: string[]; offices: string[]; genders: string[] };
  histogram: { bins: { label: string; value: number }[]; summary: string; svg: string };
  heat: {
    modules: { slug: string; number: number; title: string; bands: Record<ModuleBand, number> }[];
    summary: string;
    svg: string;
  };
}
