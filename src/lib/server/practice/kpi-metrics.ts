import type { KpiCase, KpiDataset } from './kpi-data.ts';

/**
 * The three indicators of module 8, lesson 3, computed from the fictional case history:
 * median days to close (cases closed in the range), violations per visit and remediation rate
 * (cases opened in the range), and, beside them, the open backlog a median hides.
 */

export interface KpiFilters {
  /** An office id, or null for all. */
  office: string | null;
  /** "YYYY-MM", inclusive. */
  from: string;
  to: string;
}

export interface MonthRow {
  month: string;
  opened: number;
  closed: number;
  medianDaysToClose: number | null;
  violationsPerVisit: number | null;
  remediationRate: number | null;
}

export interface OfficeRow {
  office: string;
  name: string;
  opened: number;
  closed: number;
  medianDaysToClose: number | null;
  violationsPerVisit: number | null;
  remediationRate: number | null;
  /** Opened in the range and still open at the range's end. */
  openAtEnd: number;
  /** Median age in days, at the range's end, of those open cases. */
  medianOpenAge: number | null;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = 86_400_000;

/** The months the dataset covers, "YYYY-MM", in order. */
export function datasetMonths(dataset: KpiDataset): string[] {
  const months = new Set(dataset.cases.map((c) => c.openedOn.slice(0, 7)));
  return [...months].sort();
}

/** Reads ?oficina=&desde=&hasta= leniently: anything unknown falls back to the whole set. */
export function parseKpiFilters(dataset: KpiDataset, params: URLSearchParams): KpiFilters {
  const months = datasetMonths(dataset);
  const first = months[0] ?? '2025-01';
  const last = months.at(-1) ?? first;
  const office = params.get('oficina');
  let from = params.get('desde') ?? '';
  let to = params.get('hasta') ?? '';
  if (!MONTH.test(from) || from < first || from > last) from = first;
  if (!MONTH.test(to) || to > last || to < first) to = last;
  if (from > to) [from, to] = [to, from];
  return { office: dataset.offices.some((o) => o.id === office) ? office : null, from, to };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function ratio(top: number, bottom: number): number | null {
  return bottom === 0 ? null : top / bottom;
}

function summarize(opened: readonly KpiCase[], closed: readonly KpiCase[]) {
  const visits = opened.reduce((s, c) => s + c.visits, 0);
  const violations = opened.reduce((s, c) => s + c.violations, 0);
  const due = opened.reduce((s, c) => s + c.measuresDue, 0);
  const remedied = opened.reduce((s, c) => s + c.measuresRemedied, 0);
  return {
    opened: opened.length,
    closed: closed.length,
    medianDaysToClose: median(closed.map((c) => days(c.openedOn, c.closedOn!))),
    violationsPerVisit: ratio(violations, visits),
    remediationRate: ratio(remedied, due),
  };
}

const inMonths = (date: string | null, from: string, to: string): boolean =>
  date !== null && date.slice(0, 7) >= from && date.slice(0, 7) <= to;

/** One row per month in the range, for the office filter. */
export function kpiByMonth(dataset: KpiDataset, filters: KpiFilters): MonthRow[] {
  const cases = dataset.cases.filter((c) => filters.office === null || c.office === filters.office);
  return datasetMonths(dataset)
    .filter((m) => m >= filters.from && m <= filters.to)
    .map((month) => ({
      month,
      ...summarize(
        cases.filter((c) => inMonths(c.openedOn, month, month)),
        cases.filter((c) => inMonths(c.closedOn, month, month)),
      ),
    }));
}

/** One row per office (or only the filtered one) over the month range. */
export function kpiByOffice(dataset: KpiDataset, filters: KpiFilters): OfficeRow[] {
  const end = monthEnd(filters.to);
  return dataset.offices
    .filter((o) => filters.office === null || o.id === filters.office)
    .map((o) => {
      const cases = dataset.cases.filter((c) => c.office === o.id);
      const opened = cases.filter((c) => inMonths(c.openedOn, filters.from, filters.to));
      const open = opened.filter((c) => c.closedOn === null || c.closedOn > end);
      return {
        office: o.id,
        name: o.name,
        ...summarize(
          opened,
          cases.filter((c) => inMonths(c.closedOn, filters.from, filters.to)),
        ),
        openAtEnd: open.length,
        medianOpenAge: median(open.map((c) => days(c.openedOn, end))),
      };
    });
}
