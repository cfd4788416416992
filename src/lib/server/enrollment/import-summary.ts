import { t } from '../../../i18n/index.ts';
import { countOf, tCount } from '../../format.ts';

/** What a confirmed CSV import did, in one Spanish sentence whose nouns agree with each count. */
export function importDoneMessage(result: { enrolled: number; created: number; skipped: number }): string {
  return t('csv.done', {
    enrolled: countOf(result.enrolled, { one: t('csv.count.enrolled.one'), other: t('csv.count.enrolled') }),
    created: countOf(result.created, { one: t('csv.count.created.one'), other: t('csv.count.created') }),
    skipped: countOf(result.skipped, { one: t('csv.count.skipped.one'), other: t('csv.count.skipped') }),
  });
}

/** The preview's first line: "4 filas: 2 listas, 2 con errores.", each noun agreeing with its count. */
export function importRowsSummary(counts: { total: number; valid: number; invalid: number }): string {
  return t('csv.summary', {
    rows: tCount('csv.count.rows', counts.total),
    valid: tCount('csv.count.valid', counts.valid),
    invalid: tCount('csv.count.invalid', counts.invalid),
  });
}

/** What the valid rows would do: "1 cuenta nueva, 0 cuentas existentes, 2 ya inscritas." */
export function importAccountsSummary(counts: { newPeople: number; existing: number; already: number }): string {
  return t('csv.summaryNew', {
    created: tCount('csv.count.created', counts.newPeople),
    existing: tCount('csv.count.existing', counts.existing),
    already: tCount('csv.count.already', counts.already),
  });
}
