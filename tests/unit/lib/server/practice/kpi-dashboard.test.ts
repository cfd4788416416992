import { describe, expect, test } from 'vitest';
import { getKpiDataset, type KpiDataset } from '../../../../../src/lib/server/practice/kpi-data.ts';
import { getKpiDashboard } from '../../../../../src/lib/server/practice/kpi-dashboard.ts';
import { kpiByOffice } from '../../../../../src/lib/server/practice/kpi-metrics.ts';

const dataset = getKpiDataset();
const year = { office: null, from: '2025-01', to: '2025-12' };

describe('the KPI dashboard, kept per filter', () => {
  test('the same filters give the dashboard built the first time; other filters their own', () => {
    const first = getKpiDashboard(dataset, year);
    expect(getKpiDashboard(dataset, { ...year })).toBe(first);
    const puebla = getKpiDashboard(dataset, { ...year, office: 'puebla' });
    expect(puebla).not.toBe(first);
    expect(puebla.offices).toEqual(kpiByOffice(dataset, { ...year, office: 'puebla' }));
    expect(getKpiDashboard(dataset, { ...year, to: '2025-06' }).months).toHaveLength(6);
  });

  test('another dataset is never answered from the first one', () => {
    const fewer: KpiDataset = { ...dataset, cases: dataset.cases.slice(0, 10) };
    expect(getKpiDashboard(fewer, year).offices).toEqual(kpiByOffice(fewer, year));
    expect(getKpiDashboard(fewer, year).offices).not.toEqual(getKpiDashboard(dataset, year).offices);
  });
});
