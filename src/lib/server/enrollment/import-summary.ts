import { t } from '../../../i18n/index.ts';
import { countOf } from '../../format.ts';

/** What a confirmed CSV import did, in one Spanish sentence whose nouns agree with each count. */
export function importDoneMessage(result: { enrolled: number; created: number; skipped: number }): string {
  return t('csv.done', {
    enrolled: countOf(result.enrolled, { one: t('csv.count.enrolled.one'), other: t('csv.count.enrolled') }),
    created: countOf(result.created, { one: t('csv.count.created.one'), other: t('csv.count.created') }),
    skipped: countOf(result.skipped, { one: t('csv.count.skipped.one'), other: t('csv.count.skipped') }),
  });
}
