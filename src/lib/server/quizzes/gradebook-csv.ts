import { t } from '../../../i18n/index.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import type { GradebookRow } from './gradebook.ts';

/**
 * The gradebook as CSV rows: name, email and state, then per module quiz the grade (0–100, one
 * decimal, empty when not graded), passed (sí/no) and attempts. Grades and attempts are numbers.
 */
export function gradebookCsvRows(
  quizzes: readonly { moduleSlug: string; moduleNumber: number }[],
  rows: readonly GradebookRow[],
): CsvCell[][] {
  const header: CsvCell[] = [
    t('gradebook.csv.learner'),
    t('gradebook.csv.email'),
    t('gradebook.csv.state'),
    ...quizzes.flatMap((q) => [`m${q.moduleNumber}_calificacion`, `m${q.moduleNumber}_aprobado`, `m${q.moduleNumber}_intentos`]),
  ];
  const body = rows.map((r): CsvCell[] => [
    r.fullName,
    r.email,
    r.state,
    ...quizzes.flatMap((q): CsvCell[] => {
      const c = r.cells[q.moduleSlug];
      return [
        c?.grade === null || c?.grade === undefined ? null : Math.round(c.grade * 1000) / 10,
        c?.passed ? 'sí' : 'no',
        c?.attempts ?? 0,
      ];
    }),
  ]);
  return [header, ...body];
}
