import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { cohorts, enrollments, fieldPractices, hoursLedger, liveSessions, users } from '../../../../db/schema/index.ts';
import { t, TIME_ZONE } from '../../../i18n/index.ts';
import { formatCalendarDate } from '../../format.ts';
import type { CsvCell } from '../reports/csv-writer.ts';
import type { Executor } from '../db.ts';
import { jsonList } from '../json-list.ts';
import { type LedgerEntryView, listLedgerEntries } from './ledger.ts';
import type { HoursPlan } from './plan.ts';

/**
 * A ledger as people read it (issue #13, "Mis horas" and the staff's view of one person): each
 * entry with its reference in words (the lesson's title, "Evaluación del módulo 3", the session's
 * title, the practice's date), and per-module totals computed from the very rows shown, so they
 * always equal the sum of the lines. Exports write the same rows.
 */

export interface LedgerLine extends LedgerEntryView {
  moduleNumber: number | null;
  moduleTitle: string;
  reference: string;
}

export interface LedgerPageLine extends LedgerLine {
  /** The latest credit of a reference that still has net credit, not an adjustment: it may be reversed. */
  reversible: boolean;
}

export interface LedgerPage {
  lines: LedgerPageLine[];
  /** Per module in program order: required minutes (plan) and the sum of its lines. */
  modules: { slug: string; number: number; title: string; requiredMinutes: number; creditedMinutes: number }[];
  totalMinutes: number;
}

/** What the pages hold from the catalog: lesson id → title. */
export type LessonTitles = ReadonlyMap<string, string>;

export function getLedgerPage(db: Executor, userId: number, plan: HoursPlan, lessonTitles: LessonTitles): LedgerPage {
  const described = describeEntries(db, listLedgerEntries(db, userId, plan.programSlug), plan, lessonTitles);
  const net = new Map<string, number>();
  const lastCredit = new Map<string, number>();
  for (const l of described) {
    const key = `${l.source}|${l.ref}`;
    net.set(key, (net.get(key) ?? 0) + l.minutes);
    if (l.minutes > 0) lastCredit.set(key, l.id);
  }
  const lines = described.map((l) => {
    const key = `${l.source}|${l.ref}`;
    return { ...l, reversible: l.source !== 'adjustment' && (net.get(key) ?? 0) > 0 && lastCredit.get(key) === l.id };
  });
  const modules = plan.modules.map((m) => ({
    slug: m.slug,
    number: m.number,
    title: m.title,
    requiredMinutes: m.minutes,
    creditedMinutes: lines.filter((l) => l.moduleSlug === m.slug).reduce((s, l) => s + l.minutes, 0),
  }));
  return { lines, modules, totalMinutes: lines.reduce((s, l) => s + l.minutes, 0) };
}

/** Adds the module and the reference in words to each entry, with one query per kind of reference. */
function describeEntries<T extends LedgerEntryView>(
  db: Executor,
  entries: T[],
  plan: HoursPlan,
  lessonTitles: LessonTitles,
): (T & LedgerLine)[] {
  const ids = (prefix: string) => entries.flatMap((e) => (e.ref.startsWith(prefix) ? [Number(e.ref.slice(prefix.length))] : []));
  const sessionIds = ids('session:');
  const practiceIds = ids('practice:');
  const sessions = new Map(
    sessionIds.length === 0
      ? []
      : db
          .select({ id: liveSessions.id, title: liveSessions.title })
          .from(liveSessions)
          .where(inArray(liveSessions.id, jsonList(sessionIds)))
          .all()
          .map((s) => [s.id, s.title]),
  );
  const practices = new Map(
    practiceIds.length === 0
      ? []
      : db
          .select({ id: fieldPractices.id, practicedOn: fieldPractices.practicedOn })
          .from(fieldPractices)
          .where(inArray(fieldPractices.id, jsonList(practiceIds)))
          .all()
          .map((p) => [p.id, p.practicedOn]),
  );
  const modules = new Map(plan.modules.map((m) => [m.slug, m]));
  return entries.map((e) => {
    const module = modules.get(e.moduleSlug);
    const number = module?.number ?? null;
    const refId = Number(e.ref.split(':')[1]);
    const reference =
      e.source === 'lesson'
        ? (lessonTitles.get(e.ref) ?? e.ref)
        : e.source === 'quiz'
          ? t('hours.ref.quiz', { number: number ?? e.moduleSlug })
          : e.source === 'live_session'
            ? (sessions.get(refId) ?? e.ref)
            : e.source === 'practice'
              ? t('hours.ref.practice', { date: practices.has(refId) ? formatCalendarDate(practices.get(refId) as string) : e.ref })
              : t('hours.ref.adjustment', { budget: t(`hours.budget.${e.budget}`) });
    return { ...e, moduleNumber: number, moduleTitle: module?.title ?? e.moduleSlug, reference };
  });
}

const HEADER = () => [
  t('hours.col.date'),
  t('hours.col.module'),
  t('hours.col.source'),
  t('hours.col.reference'),
  t('hours.col.budget'),
  t('hours.col.hours'),
  t('hours.col.minutes'),
  t('hours.col.recordedBy'),
  t('hours.col.reason'),
  t('hours.col.cohort'),
];

function lineCells(l: LedgerLine): CsvCell[] {
  return [
    exportDateTime(l.recordedAt),
    l.moduleNumber === null ? l.moduleTitle : t('hours.moduleLabel', { number: l.moduleNumber, title: l.moduleTitle }),
    t(`hours.source.${l.source}`),
    l.reference,
    t(`hours.budget.${l.budget}`),
    Math.round((l.minutes / 60) * 100) / 100,
    l.minutes,
    l.recordedByName ?? t('hours.recordedBy.aula'),
    l.reason,
    l.cohortName,
  ];
}

/** One person's ledger as export rows (header first), the lines of "Mis horas". */
export function personLedgerRows(page: LedgerPage): CsvCell[][] {
  return [HEADER(), ...page.lines.map(lineCells)];
}

/**
 * A cohort's ledger: every entry earned in the cohort (its enrollments), by person. Instructors
 * get only the learners actively enrolled (decision 010: their rights end at the withdrawal).
 */
export function cohortLedgerRows(
  db: Executor,
  cohortId: number,
  plan: HoursPlan,
  lessonTitles: LessonTitles,
  options: { activeOnly: boolean },
): CsvCell[][] {
  const recorder = alias(users, 'recorder');
  const entries = db
    .select({
      id: hoursLedger.id,
      moduleSlug: hoursLedger.moduleSlug,
      source: hoursLedger.source,
      budget: hoursLedger.budget,
      ref: hoursLedger.ref,
      minutes: hoursLedger.minutes,
      recordedAt: hoursLedger.recordedAt,
      recordedByName: recorder.fullName,
      reason: hoursLedger.reason,
      cohortName: cohorts.name,
      personName: users.fullName,
      curp: users.curp,
    })
    .from(hoursLedger)
    .innerJoin(enrollments, eq(enrollments.id, hoursLedger.enrollmentId))
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .innerJoin(users, eq(users.id, hoursLedger.userId))
    .leftJoin(recorder, eq(recorder.id, hoursLedger.recordedBy))
    .where(
      and(
        eq(enrollments.cohortId, cohortId),
        eq(hoursLedger.programSlug, plan.programSlug),
        options.activeOnly ? eq(enrollments.status, 'active') : undefined,
      ),
    )
    .orderBy(asc(hoursLedger.recordedAt), asc(hoursLedger.id))
    .all();
  const lines = describeEntries(db, entries, plan, lessonTitles).sort((a, b) => a.personName.localeCompare(b.personName, 'es-MX'));
  return [[t('hours.col.person'), t('hours.col.curp'), ...HEADER()], ...lines.map((l) => [l.personName, l.curp, ...lineCells(l)])];
}

const exportFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** An instant as a spreadsheet sorts it, in Mexico City: "2026-10-05 11:00". */
function exportDateTime(value: Date): string {
  return exportFormat.format(value);
}
