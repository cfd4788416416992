import { hasMessage, LOCALE, type MessageKey, t } from '../../../i18n/index.ts';
import { type CountedKey, formatCalendarDate, formatHours, tCount } from '../../format.ts';
import type { AuditEntryView } from './log.ts';

/**
 * One audit entry as a Spanish sentence ("Patricia Ibarra Solís dio de baja a José Núñez de
 * «Generación 2026-2»"), built from an i18n template per action (`audit.sentence.<action>`), never
 * from the stored JSON keys. Names come from the joins of `listAuditEntries`; people the details
 * mention by id (instructors) from `getMentionedNames`. Parts that name a person or a cohort carry
 * a link, so the page can point to them; `sentenceText` gives the plain text (CSV, tests).
 */
export type SentencePart = string | { text: string; href: string };

export interface SentenceContext {
  /** Names of people mentioned by id in the details (`getMentionedNames`). */
  names?: ReadonlyMap<number, string>;
  /** Module titles by slug, from the course catalog; without one, "módulo 4". */
  moduleTitles?: ReadonlyMap<string, string>;
}

type Entry = Pick<AuditEntryView, 'action' | 'actorName' | 'subjectName' | 'subjectUserId' | 'cohortId' | 'cohortName' | 'details'>;
type Params = Record<string, SentencePart>;

export function auditSentence(entry: Entry, context: SentenceContext = {}): SentencePart[] {
  const d = entry.details ?? {};
  const base: Params = {
    actor: entry.actorName ?? t('audit.system'),
    subject:
      entry.subjectUserId !== null
        ? { text: entry.subjectName ?? t('audit.unknownPerson'), href: `/coordinacion/personas/${entry.subjectUserId}` }
        : t('audit.unknownPerson'),
    cohort:
      entry.cohortId !== null
        ? {
            text: `«${entry.cohortName ?? t('audit.unknownCohort', { id: entry.cohortId })}»`,
            href: `/coordinacion/generaciones/${entry.cohortId}`,
          }
        : t('audit.unknownCohort', { id: '—' }),
  };
  const fill = (key: MessageKey, params: Params = {}) => fillTemplate(key, { ...base, ...params });
  const names = (ids: unknown) => personList(ids, context.names);
  switch (entry.action) {
    case 'account.created': {
      const roles = Array.isArray(d.roles) ? d.roles.map((r) => roleLabel(r)) : [];
      const key =
        roles.length === 0
          ? 'audit.sentence.account.created.none'
          : roles.length === 1
            ? 'audit.sentence.account.created.one'
            : 'audit.sentence.account.created';
      return fill(key, { email: text(d.email), roles: list(roles) });
    }
    case 'account.updated': {
      const changes = Object.entries(d).map(([field, change]) => personChange(field, change));
      return changes.length === 0
        ? fill('audit.sentence.account.updated.none')
        : fill('audit.sentence.account.updated', { changes: changes.join('; ') });
    }
    case 'role.granted':
    case 'role.revoked':
      return fill(`audit.sentence.${entry.action}`, { role: roleLabel(d.role) });
    case 'cohort.created':
      return fill('audit.sentence.cohort.created', {
        startsOn: calendarDate(d.startsOn),
        endsOn: calendarDate(d.endsOn),
        instructors: instructorsPhrase(names(d.instructorIds)),
      });
    case 'cohort.updated': {
      const changes = cohortChanges(asRecord(d.before), asRecord(d.after), names);
      return changes.length === 0
        ? fill('audit.sentence.cohort.updated.none')
        : fill('audit.sentence.cohort.updated', { changes: changes.join('; ') });
    }
    case 'enrollment.imported': {
      const skipped = count(d.skipped);
      return fill('audit.sentence.enrollment.imported', {
        rows: plural(count(d.rows), 'audit.count.rows'),
        enrolled: plural(count(d.enrolled), 'audit.count.enrolled'),
        created: count(d.created) === 0 ? t('audit.count.created.zero') : plural(count(d.created), 'audit.count.created'),
        skipped: skipped === 0 ? '' : `, ${plural(skipped, 'audit.count.skipped')}`,
      });
    }
    case 'quiz.override':
    case 'quiz.overrideRevoked': {
      const extras = [
        count(d.extraAttempts) > 0 ? plural(count(d.extraAttempts), 'audit.count.extraAttempts') : null,
        count(d.extraMinutes) > 0 ? plural(count(d.extraMinutes), 'audit.count.extraMinutes') : null,
      ].filter((x): x is string => x !== null);
      return fill(`audit.sentence.${entry.action}`, { extras: list(extras), module: moduleLabel(d.module, context.moduleTitles) });
    }
    case 'quiz.essayGraded':
      return fill('audit.sentence.quiz.essayGraded', {
        attempt: String(count(d.attempt)),
        module: moduleLabel(d.module, context.moduleTitles),
        score: points(d.score),
      });
    case 'quiz.regraded':
      return fill('audit.sentence.quiz.regraded', {
        attempt: String(count(d.attempt)),
        module: moduleLabel(d.module, context.moduleTitles),
        before: d.scoreBefore === null ? t('regrade.pending') : points(d.scoreBefore),
        after: d.scoreAfter === null ? t('regrade.pending') : points(d.scoreAfter),
      });
    case 'hours.adjusted':
    case 'hours.reversed':
      return fill(`audit.sentence.${entry.action}`, {
        hours: formatHours(Math.abs(count(d.minutes))),
        direction: count(d.minutes) < 0 ? t('audit.hours.removed') : t('audit.hours.added'),
        budget: budgetLabel(d.budget),
        module: moduleLabel(d.module, context.moduleTitles),
      });
    case 'session.scheduled':
    case 'session.updated':
    case 'session.cancelled':
    case 'attendance.recorded':
      return fill(`audit.sentence.${entry.action}`, {
        title: text(d.title),
        module: moduleLabel(d.module, context.moduleTitles),
        people: plural(count(d.count), 'audit.count.people'),
      });
    case 'attendance.corrected':
      return fill('audit.sentence.attendance.corrected', {
        title: text(d.title),
        from: attendanceLabel(d.from),
        to: attendanceLabel(d.to),
        hours: formatHours(count(d.minutes)),
      });
    case 'practice.recorded':
      return fill('audit.sentence.practice.recorded', {
        hours: formatHours(count(d.minutes)),
        module: moduleLabel(d.module, context.moduleTitles),
        date: calendarDate(d.practicedOn),
      });
    case 'certificate.issued':
    case 'certificate.revoked':
      return fill(`audit.sentence.${entry.action}`, { folio: text(d.folio) });
    case 'certificate.reissued':
      return fill('audit.sentence.certificate.reissued', { folio: text(d.folio), replaced: text(d.replaced) });
    case 'eligibility.exception':
      return fill('audit.sentence.eligibility.exception', { rule: ruleLabel(d.rule, context.moduleTitles) });
    case 'mail.retried':
      return fill(d.error ? 'audit.sentence.mail.retried.failed' : 'audit.sentence.mail.retried', {
        title: text(d.subject),
        to: text(d.to),
        error: text(d.error),
      });
    default: {
      const key = `audit.sentence.${entry.action}`;
      if (isMessageKey(key)) return fill(key);
      // An action with no sentence yet still reads as Spanish (tests/unit/lib/server/audit-sentence.test.ts catches it).
      const label = `audit.action.${entry.action}`;
      return fill('audit.sentence.unknown', { label: isMessageKey(label) ? t(label) : t('audit.unknownAction') });
    }
  }
}

/** The sentence as plain text, for the CSV and for tests. */
export function sentenceText(parts: readonly SentencePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

/** Whether an action has a sentence of its own (not the generic fallback). */
export function hasAuditSentence(action: string): boolean {
  return isMessageKey(`audit.sentence.${action}`);
}

function fillTemplate(key: MessageKey, params: Params): SentencePart[] {
  const template = t(key);
  const parts: SentencePart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const value = params[match[1] as string];
    if (value === undefined) throw new Error(`Audit sentence ${key} needs {${match[1]}}`);
    parts.push(template.slice(last, match.index), value);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  // Adjacent text joins into one part, so only names stand apart.
  return parts.reduce<SentencePart[]>((joined, part) => {
    const previous = joined.at(-1);
    if (typeof part === 'string' && typeof previous === 'string') joined[joined.length - 1] = previous + part;
    else if (part !== '') joined.push(part);
    return joined;
  }, []);
}

const isMessageKey = hasMessage;

const listFormat = new Intl.ListFormat(LOCALE, { type: 'conjunction' });
const numberFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });

function list(items: readonly string[]): string {
  return listFormat.format(items);
}

function plural(n: number, key: CountedKey): string {
  return tCount(key, n);
}

function points(value: unknown): string {
  const n = typeof value === 'number' ? value : 0;
  return n === 1 ? t('audit.points.one') : t('audit.points', { points: numberFormat.format(n) });
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' && value !== '' ? value : t('audit.value.empty');
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function roleLabel(role: unknown): string {
  const key = `role.${String(role)}`;
  return isMessageKey(key) ? t(key).toLocaleLowerCase(LOCALE) : t('audit.unknownRole');
}

function budgetLabel(budget: unknown): string {
  const key = `hours.budget.${String(budget)}`;
  return isMessageKey(key) ? t(key) : t('audit.value.empty');
}

function attendanceLabel(status: unknown): string {
  const key = `attendance.status.${String(status)}`;
  return isMessageKey(key) ? t(key) : t('audit.value.empty');
}

function calendarDate(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDate(value) : t('audit.value.empty');
}

/** "módulo 4 «Subcontratación y REPSE»" from the slug "04-subcontratacion-repse". */
function moduleLabel(slug: unknown, titles: ReadonlyMap<string, string> | undefined): string {
  const value = typeof slug === 'string' ? slug : '';
  const number = Number(/^(\d+)-/.exec(value)?.[1] ?? Number.NaN);
  const title = titles?.get(value);
  if (Number.isInteger(number)) return title ? t('audit.module', { number, title }) : t('audit.module.untitled', { number });
  return title ? t('audit.module.titleOnly', { title }) : t('audit.module.unknown');
}

function personList(ids: unknown, names: ReadonlyMap<number, string> | undefined): string[] {
  if (!Array.isArray(ids)) return [];
  return ids.map((id) => names?.get(id as number) ?? t('audit.unknownPerson'));
}

function instructorsPhrase(names: readonly string[]): string {
  return names.length === 0 ? t('audit.instructors.none') : t('audit.instructors', { names: list(names) });
}

/** "oficina de representación de «A» a «B»" for one field of `account.updated`. */
function personChange(field: string, change: unknown): string {
  const { from, to } = asRecord(change);
  const labelKey = `person.${field}`;
  const label = isMessageKey(labelKey) ? t(labelKey).toLocaleLowerCase(LOCALE) : t('audit.field.other');
  const value = (v: unknown) => {
    if (v === null || v === undefined || v === '') return t('audit.value.empty');
    if (field === 'gender') {
      const key = `gender.${String(v)}`;
      return `«${isMessageKey(key) ? t(key) : String(v)}»`;
    }
    return `«${String(v)}»`;
  };
  return t('audit.change', { field: label === 'curp' ? 'CURP' : label, from: value(from), to: value(to) });
}

function cohortChanges(before: Record<string, unknown>, after: Record<string, unknown>, names: (ids: unknown) => string[]): string[] {
  const changes: string[] = [];
  if (before.name !== after.name)
    changes.push(t('audit.change', { field: t('audit.field.cohortName'), from: `«${text(before.name)}»`, to: `«${text(after.name)}»` }));
  if (before.startsOn !== after.startsOn)
    changes.push(
      t('audit.change.dates', { field: t('audit.field.startsOn'), from: calendarDate(before.startsOn), to: calendarDate(after.startsOn) }),
    );
  if (before.endsOn !== after.endsOn)
    changes.push(
      t('audit.change.dates', { field: t('audit.field.endsOn'), from: calendarDate(before.endsOn), to: calendarDate(after.endsOn) }),
    );
  const was = names(before.instructorIds);
  const is = names(after.instructorIds);
  if ([...was].sort().join('\n') !== [...is].sort().join('\n')) {
    const people = (n: string[]) => (n.length === 0 ? t('audit.nobody') : list(n));
    changes.push(t('audit.change', { field: t('audit.field.instructors'), from: people(was), to: people(is) }));
  }
  return changes;
}

/** An eligibility rule (`hours`, `attendance`, `quiz:<module>`) as the sentence names it. */
function ruleLabel(rule: unknown, titles?: ReadonlyMap<string, string>): string {
  if (rule === 'hours') return t('audit.eligibility.hours');
  if (rule === 'attendance') return t('audit.eligibility.attendance');
  if (typeof rule === 'string' && rule.startsWith('quiz:'))
    return t('audit.eligibility.quiz', { module: moduleLabel(rule.slice(5), titles) });
  return t('audit.value.empty');
}
