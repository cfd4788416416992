import { t } from '../../../i18n/index.ts';
import type { HoursPlan } from '../hours/plan.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import type { LearnerProgress } from './cohort-progress.ts';

/**
 * A cohort's progress summary for CSV and XLSX (the same rows through the one writer): person,
 * state, office, gender, hours in all and per module (numbers, hours with two decimals, sums of
 * the ledger), lessons completed, quizzes passed, attendance share (0–100, empty when no
 * session counts yet) and pace status, as the dashboard shows them.
 */
export function progressExportRows(plan: HoursPlan, learners: readonly LearnerProgress[]): CsvCell[][] {
  const header: CsvCell[] = [
    t('dashboard.export.learner'),
    t('person.state'),
    t('person.office'),
    t('person.gender'),
    t('dashboard.export.hours'),
    ...plan.modules.map((m) => t('dashboard.export.moduleHours', { number: m.number })),
    t('dashboard.export.lessons'),
    t('dashboard.export.quizzes'),
    t('dashboard.export.attendance'),
    t('dashboard.export.status'),
  ];
  const body = learners.map((l): CsvCell[] => [
    l.fullName,
    l.state,
    l.office,
    t(`gender.${l.gender ?? 'unset'}`),
    hours(l.totalMinutes),
    ...plan.modules.map((m) => hours(l.moduleMinutes[m.slug] ?? 0)),
    l.lessonsCompleted,
    l.quizzesPassed,
    l.attendance?.share == null ? null : Math.round(l.attendance.share * 1000) / 10,
    t(`dashboard.status.${l.status}`),
  ]);
  return [header, ...body];
}

function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
