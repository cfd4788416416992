import { asc, eq } from 'drizzle-orm';
import { enrollments, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import { formatDateTime } from '../../format.ts';
import type { Db } from '../db.ts';
import type { CsvCell } from '../reports/csv-writer.ts';

/**
 * A cohort's whole roster (active and withdrawn, not one page of it) as export rows, header
 * first: name, email, CURP, state, office, enrollment status and its dates in Mexico City time.
 * The same rows feed the CSV and the XLSX, both through the writers that neutralise formulas.
 */
export function rosterExportRows(db: Db, cohortId: number): CsvCell[][] {
  const rows = db
    .select({
      fullName: users.fullName,
      email: users.email,
      curp: users.curp,
      state: users.state,
      office: users.office,
      status: enrollments.status,
      enrolledAt: enrollments.enrolledAt,
      withdrawnAt: enrollments.withdrawnAt,
    })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(eq(enrollments.cohortId, cohortId))
    .orderBy(asc(users.id))
    .all();
  const collator = new Intl.Collator('es-MX');
  rows.sort((a, b) => collator.compare(a.fullName, b.fullName));
  const header: CsvCell[] = (['fullName', 'email', 'curp', 'state', 'office', 'status', 'enrolledAt', 'withdrawnAt'] as const).map((k) =>
    t(`roster.export.${k}`),
  );
  return [
    header,
    ...rows.map((r): CsvCell[] => [
      r.fullName,
      r.email,
      r.curp,
      r.state,
      r.office,
      t(`enrollment.status.${r.status}`),
      formatDateTime(r.enrolledAt),
      r.withdrawnAt ? formatDateTime(r.withdrawnAt) : null,
    ]),
  ];
}
