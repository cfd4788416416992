import data from '../../../../content/tools/kpi/cases.json' with { type: 'json' };

/**
 * The fictional case history of the "Leer los indicadores" practice (content/tools/kpi/cases.json,
 * written by scripts/generate-kpi-data.ts). Never real cases: every folio starts with PRACT-.
 */
export interface KpiCase {
  folio: string;
  office: string;
  openedOn: string;
  closedOn: string | null;
  visits: number;
  violations: number;
  measuresDue: number;
  measuresRemedied: number;
}

export interface KpiOffice {
  id: string;
  name: string;
}

export interface KpiDataset {
  notice: string;
  cutOff: string;
  offices: KpiOffice[];
  cases: KpiCase[];
}

/** The dataset as committed. */
export function getKpiDataset(): KpiDataset {
  return data as KpiDataset;
}
