import { TIME_ZONE, t } from '../../../i18n/index.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import type { GradebookModule, GradebookViewRow } from './gradebook-view.ts';

/**
 * The gradebook as CSV rows, with the numbers the page shows (gradebook-view.ts): name, email and
 * state; per module quiz the grade (0–100, one decimal, empty when not graded), passed (sí/no),
 * attempts and lessons completed in the module; then the learner's average (0–100), lessons
 * completed in all and last visit in Mexico City time (`2026-03-20 10:00`, empty when never).
 * Grades, attempts and lessons are numbers.
 */
export function gradebookCsvRows(modules: readonly GradebookModule[], rows: readonly GradebookViewRow[]): CsvCell[][] {
  const header: CsvCell[] = [
    t('gradebook.csv.learner'),
    t('gradebook.csv.email'),
    t('gradebook.csv.state'),
    ...modules.flatMap((m) => [
      t('gradebook.csv.grade', { number: m.number }),
      t('gradebook.csv.passed', { number: m.number }),
      t('gradebook.csv.attempts', { number: m.number }),
      t('gradebook.csv.moduleLessons', { number: m.number }),
    ]),
    t('gradebook.csv.average'),
    t('gradebook.csv.lessons'),
    t('gradebook.csv.lastVisit'),
  ];
  const body = rows.map((r): CsvCell[] => [
    r.fullName,
    r.email,
    r.state,
    ...modules.flatMap((m): CsvCell[] => {
      const c = r.cells[m.slug];
      return [percent(c?.grade ?? null), c?.passed ? 'sí' : 'no', c?.attempts ?? 0, r.lessons[m.slug] ?? 0];
    }),
    percent(r.average),
    r.lessonsTotal,
    r.lastVisit ? spreadsheetDateTime(r.lastVisit) : null,
  ]);
  return [header, ...body];
}

/** A 0..1 grade as 0–100 with one decimal, as the page rounds it; null stays an empty cell. */
function percent(grade: number | null): number | null {
  return grade === null ? null : Math.round(grade * 1000) / 10;
}

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant in Mexico City as `YYYY-MM-DD HH:MM`, which a spreadsheet sorts and reads as a date. */
function spreadsheetDateTime(value: Date): string {
  const p = Object.fromEntries(parts.formatToParts(value).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
