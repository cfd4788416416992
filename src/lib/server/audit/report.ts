import { hasMessage, t } from '../../../i18n/index.ts';
import { formatDateTime } from '../../format.ts';
import type { Db } from '../db.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntryView, type AuditFilter, getMentionedNames, listAuditEntries } from './log.ts';
import { auditSentence, type SentenceContext, sentenceText } from './sentence.ts';

/** The most rows one CSV download holds; a narrower filter gets the rest. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

/** What the filter form sent, as typed (to fill the form again) and as a filter. */
export interface AuditQuery {
  form: { action: string; person: string; cohort: string; from: string; to: string };
  filter: AuditFilter;
}

/**
 * The audit page's query string (`accion`, `persona`, `generacion`, `desde`, `hasta`) as a filter,
 * shared by the page and its CSV so both show the same entries. Dates are days in Mexico City
 * (UTC-6, no DST since 2022): a day starts at 06:00 UTC; "hasta" includes its whole day.
 */
export function parseAuditQuery(params: URLSearchParams): AuditQuery {
  const form = {
    action: params.get('accion') ?? '',
    person: (params.get('persona') ?? '').slice(0, 200),
    cohort: params.get('generacion') ?? '',
    from: params.get('desde') ?? '',
    to: params.get('hasta') ?? '',
  };
  const dayStart = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) ? new Date(`${d}T06:00:00Z`) : undefined);
  const toDay = dayStart(form.to);
  const cohortId = Number(form.cohort);
  return {
    form,
    filter: {
      action: (AUDIT_ACTIONS as readonly string[]).includes(form.action) ? (form.action as AuditAction) : undefined,
      person: form.person.trim() || undefined,
      cohortId: Number.isSafeInteger(cohortId) && cohortId > 0 ? cohortId : undefined,
      from: dayStart(form.from),
      to: toDay ? new Date(toDay.getTime() + 86_400_000) : undefined,
    },
  };
}

/** A page of entries with what their sentences need (names mentioned by id). */
export function listAuditPage(db: Db, filter: AuditFilter): { entries: AuditEntryView[]; total: number; names: Map<number, string> } {
  const result = listAuditEntries(db, filter);
  return { ...result, names: getMentionedNames(db, result.entries) };
}

/** Every entry the filter matches (up to `AUDIT_CSV_MAX_ROWS`, newest first) as CSV rows. */
export function auditCsvRows(db: Db, filter: AuditFilter, moduleTitles?: ReadonlyMap<string, string>): CsvCell[][] {
  const { entries, names } = listAuditPage(db, { ...filter, page: 1, pageSize: AUDIT_CSV_MAX_ROWS });
  const context: SentenceContext = { names, moduleTitles };
  const header = ['when', 'action', 'actor', 'what', 'subject', 'cohort', 'reason'] as const;
  return [
    header.map((h) => t(`audit.csv.${h}`)),
    ...entries.map((e) => [
      formatDateTime(e.at),
      actionLabel(e.action),
      e.actorName ?? t('audit.system'),
      sentenceText(auditSentence(e, context)),
      e.subjectName,
      e.cohortName,
      e.reason,
    ]),
  ];
}

/** The short name of an action ("Baja"), for the filter and the table. */
export function actionLabel(action: string): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : t('audit.unknownAction');
}
