import { t } from '../../../i18n/index.ts';
import { mexicoDateAndTime } from '../../mexico-time.ts';
import type { Executor } from '../db.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import { sessionRoster } from './attendance.ts';
import { listCohortSessions } from './schedule.ts';

const HEADER = ['session', 'module', 'date', 'start', 'end', 'person', 'status', 'minutes', 'hours'] as const;

/**
 * A cohort's attendance as export rows, header first: one row per session held or running and
 * person on its form, with date, start and end in Mexico City, the status, the minutes attended
 * and the hours the ledger holds for it (which can be less when the module's live budget was
 * full). Cancelled and future sessions are left out. The same rows feed the CSV and the XLSX.
 */
export function attendanceExportRows(
  db: Executor,
  cohortId: number,
  moduleTitles: ReadonlyMap<string, string>,
  now = new Date(),
): CsvCell[][] {
  const rows: CsvCell[][] = [HEADER.map((k) => t(`sessions.export.${k}`))];
  for (const session of listCohortSessions(db, cohortId)) {
    if (session.cancelledAt || session.startsAt > now) continue;
    const start = mexicoDateAndTime(session.startsAt);
    const end = mexicoDateAndTime(session.endsAt);
    for (const person of sessionRoster(db, session)) {
      rows.push([
        session.title,
        moduleTitles.get(session.moduleSlug) ?? session.moduleSlug,
        start.date,
        start.time,
        end.time,
        person.fullName,
        person.status ? t(`attendance.status.${person.status}`) : t('sessions.export.notRecorded'),
        person.minutesAttended,
        Math.round((person.creditedMinutes / 60) * 100) / 100,
      ]);
    }
  }
  return rows;
}
