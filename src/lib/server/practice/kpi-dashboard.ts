import { t } from '../../../i18n/index.ts';
import { VersionedCache } from '../dashboards/cache.ts';
import { barChart, columnChart } from '../dashboards/charts.ts';
import type { KpiDataset } from './kpi-data.ts';
import { datasetMonths, type KpiFilters, kpiByMonth, kpiByOffice, type MonthRow, type OfficeRow } from './kpi-metrics.ts';

/** The practice KPI dashboard: its tables and their charts as server-rendered SVG (no chart JavaScript). */
export interface KpiDashboard {
  offices: OfficeRow[];
  months: (MonthRow & { label: string })[];
  monthOptions: { value: string; label: string }[];
  charts: { median: string; violations: string; remediation: string; cases: string };
}

const monthLabel = (month: string): string =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString('es-MX', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "Oficina de Representación en Puebla" → "Puebla": the charts' labels stay short. */
const shortName = (name: string): string => name.replace(/^Oficina de Representación en (el )?/, '');

const round = (value: number | null, digits: number): number => (value === null ? 0 : Number(value.toFixed(digits)));

/** Filters a learner may ask for: offices × pairs of months, a few hundred at most. */
const MAX_KEPT = 100;
const kept = new WeakMap<KpiDataset, VersionedCache<KpiDashboard>>();

/**
 * The dashboard for these filters. The dataset is fixed for the life of the process (kpi-data.ts)
 * and the page's charts took ~20 ms of CPU per view (npm run bench): each filter's dashboard is
 * built once and kept.
 */
export function getKpiDashboard(dataset: KpiDataset, filters: KpiFilters): KpiDashboard {
  let cache = kept.get(dataset);
  if (!cache) {
    cache = new VersionedCache<KpiDashboard>(MAX_KEPT);
    kept.set(dataset, cache);
  }
  return cache.get(
    `${filters.office ?? ''}|${filters.from}|${filters.to}`,
    () => 'fijo',
    () => buildKpiDashboard(dataset, filters),
  );
}

function buildKpiDashboard(dataset: KpiDataset, filters: KpiFilters): KpiDashboard {
  const offices = kpiByOffice(dataset, filters);
  const months = kpiByMonth(dataset, filters).map((m) => ({ ...m, label: monthLabel(m.month) }));
  const medianMax = Math.max(1, ...offices.map((o) => o.medianDaysToClose ?? 0));
  const violationsMax = Math.max(1, ...offices.map((o) => o.violationsPerVisit ?? 0));
  return {
    offices,
    months,
    monthOptions: datasetMonths(dataset).map((m) => ({ value: m, label: monthLabel(m) })),
    charts: {
      median: barChart({
        bars: offices.map((o) => ({ label: shortName(o.name), value: round(o.medianDaysToClose, 1) })),
        ariaLabel: t('practice.kpi.chart.median.title'),
        xLabel: t('practice.kpi.axis.days'),
        max: medianMax,
        format: (v) => v.toLocaleString('es-MX'),
      }),
      violations: barChart({
        bars: offices.map((o) => ({ label: shortName(o.name), value: round(o.violationsPerVisit, 2) })),
        ariaLabel: t('practice.kpi.chart.violations.title'),
        xLabel: t('practice.kpi.axis.violations'),
        max: violationsMax,
        format: (v) => v.toLocaleString('es-MX'),
      }),
      remediation: columnChart({
        bars: months.map((m) => ({ label: m.label, value: round(m.remediationRate === null ? null : 100 * m.remediationRate, 0) })),
        ariaLabel: t('practice.kpi.chart.remediation.title'),
        xLabel: t('practice.kpi.axis.month'),
        yLabel: t('practice.kpi.axis.rate'),
      }),
      cases: columnChart({
        bars: months.map((m) => ({ label: m.label, value: m.opened })),
        ariaLabel: t('practice.kpi.chart.cases.title'),
        xLabel: t('practice.kpi.axis.month'),
        yLabel: t('practice.kpi.axis.cases'),
      }),
    },
  };
}
