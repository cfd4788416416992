import { and, asc, eq, isNull } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import type { Db } from '../db.ts';
import { type CsvCell, csvResponse } from '../reports/csv-writer.ts';
import { xlsxResponse } from '../reports/xlsx-writer.ts';

/**
 * The certified people of a cohort in the shape of the STPS DC-3 records (constancia de
 * competencias o de habilidades laborales): name, CURP, course, hours, period, folio. Read from
 * the snapshots, so it lists what was printed; only active certificates (not revoked, not
 * replaced). Through the one safe export writer (DESIGN.md, "Exports are safe to open").
 */
export function dc3Rows(db: Db, cohortId: number): CsvCell[][] {
  const rows = db
    .select({ snapshot: certificates.snapshot })
    .from(certificates)
    .where(and(eq(certificates.cohortId, cohortId), isNull(certificates.revokedAt), isNull(certificates.replacedAt)))
    .orderBy(asc(certificates.folio))
    .all();
  const header = [
    t('certificates.dc3.name'),
    t('certificates.dc3.curp'),
    t('certificates.dc3.course'),
    t('certificates.dc3.hours'),
    t('certificates.dc3.startsOn'),
    t('certificates.dc3.endsOn'),
    t('certificates.dc3.institution'),
    t('certificates.dc3.folio'),
    t('certificates.dc3.issuedOn'),
  ];
  return [
    header,
    ...rows.map(({ snapshot }) => {
      const s = JSON.parse(snapshot) as CertificateSnapshot;
      return [
        s.person.fullName,
        s.person.curp,
        s.program.title,
        s.hours.total,
        s.cohort.startsOn,
        s.cohort.endsOn,
        s.program.institutions.join('; '),
        s.folio,
        s.issuedOn,
      ];
    }),
  ];
}

export function dc3Export(db: Db, cohort: { id: number; name: string }, format: 'csv' | 'xlsx'): Promise<Response> | Response {
  const rows = dc3Rows(db, cohort.id);
  const name = t('certificates.dc3.fileName', { cohort: cohort.name });
  return format === 'csv' ? csvResponse(name, rows) : xlsxResponse(name, t('certificates.dc3.sheet'), rows);
}
