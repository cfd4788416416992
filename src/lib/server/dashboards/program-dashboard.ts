import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { cohorts, enrollments, hoursLedger, users } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Executor } from '../db.ts';
import type { HoursPlan } from '../hours/plan.ts';
import { VersionedCache } from './cache.ts';
import { barChart } from './charts.ts';
import { programDataVersion } from './data-version.ts';

/** How the program-wide figures are grouped (the transparency figures of DESIGN.md). */
export const PROGRAM_GROUPINGS = ['state', 'office', 'gender'] as const;
export type ProgramGrouping = (typeof PROGRAM_GROUPINGS)[number];

const cache = new VersionedCache<ProgramDashboard>(10);

/**
 * Completion and hours of the program across all its cohorts, by state, office and gender: each
 * person actively enrolled in a cohort of the program counts once, with their ledger total
 * (one ledger per person and program). Completed means the program's minutes are credited.
 * Cached until a ledger entry, an enrollment, a cohort or a profile changes.
 */
export function getProgramDashboard(db: Executor, plan: HoursPlan, now = new Date()): ProgramDashboard {
  return cache.get(
    plan.programSlug,
    () => programDataVersion(db),
    () => buildProgramDashboard(db, plan),
    now.getTime(),
  );
}

function buildProgramDashboard(db: Executor, plan: HoursPlan): ProgramDashboard {
  const people = db
    .selectDistinct({ userId: users.id, state: users.state, office: users.office, gender: users.gender })
    .from(enrollments)
    .innerJoin(cohorts, eq(cohorts.id, enrollments.cohortId))
    .innerJoin(users, eq(users.id, enrollments.userId))
    .where(and(eq(cohorts.programSlug, plan.programSlug), eq(enrollments.status, 'active')))
    .all();
  const minutes = new Map(
    db
      .select({ userId: hoursLedger.userId, minutes: sql<number>`sum(${hoursLedger.minutes})` })
      .from(hoursLedger)
      .where(eq(hoursLedger.programSlug, plan.programSlug))
      .groupBy(hoursLedger.userId)
      .all()
      .map((r) => [r.userId, r.minutes]),
  );
  const cohortRows = cohortFigures(db, plan, minutes);
  const rows = people.map((p) => ({ ...p, gender: p.gender ?? 'unset', minutes: minutes.get(p.userId) ?? 0 }));
  const overall = figuresOf(rows, plan);
  const groups = Object.fromEntries(
    PROGRAM_GROUPINGS.map((grouping) => {
      const byKey = new Map<string, typeof rows>();
      for (const row of rows) byKey.set(row[grouping], [...(byKey.get(row[grouping]) ?? []), row]);
      const figures = [...byKey]
        .map(([key, list]) => ({ key, label: grouping === 'gender' ? t(`gender.${key as 'unset'}`) : key, ...figuresOf(list, plan) }))
        .sort((a, b) => a.label.localeCompare(b.label, 'es'));
      const title = t(`dashboard.program.${grouping}.title`);
      return [
        grouping,
        {
          figures,
          title,
          summary: summaryOf(figures),
          completionSummary: completionSummaryOf(figures),
          completionSvg: barChart({
            bars: figures.map((f) => ({ label: f.label, value: Math.round(f.completedShare * 1000) / 10 })),
            ariaLabel: t('dashboard.program.completionChart', { group: title }),
            xLabel: t('dashboard.program.completedShare'),
            max: 100,
            format: (value) => `${value} %`,
          }),
          hoursSvg: barChart({
            bars: figures.map((f) => ({ label: f.label, value: f.averageMinutes / 60 })),
            ariaLabel: t('dashboard.program.hoursChart', { group: title }),
            xLabel: t('dashboard.program.averageHours'),
            max: plan.totalMinutes / 60,
            format: (h) => `${Math.round(h * 10) / 10} h`,
          }),
        },
      ];
    }),
  ) as ProgramDashboard['groups'];
  return { overall, groups, cohorts: cohortRows };
}

/** Per cohort of the program: active learners, average hours and how many completed. */
function cohortFigures(db: Executor, plan: HoursPlan, minutes: ReadonlyMap<number, number>): ProgramDashboard['cohorts'] {
  const list = db
    .select({ id: cohorts.id, name: cohorts.name, startsOn: cohorts.startsOn, endsOn: cohorts.endsOn })
    .from(cohorts)
    .where(eq(cohorts.programSlug, plan.programSlug))
    .orderBy(asc(cohorts.startsOn), asc(cohorts.id))
    .all();
  if (list.length === 0) return [];
  const members = db
    .select({ cohortId: enrollments.cohortId, userId: enrollments.userId })
    .from(enrollments)
    .where(
      and(
        inArray(
          enrollments.cohortId,
          list.map((c) => c.id),
        ),
        eq(enrollments.status, 'active'),
      ),
    )
    .all();
  return list.map((c) => {
    const rows = members.filter((m) => m.cohortId === c.id).map((m) => ({ minutes: minutes.get(m.userId) ?? 0 }));
    return { ...c, ...figuresOf(rows, plan) };
  });
}

function figuresOf(rows: readonly { minutes: number }[], plan: HoursPlan): Figures {
  const people = rows.length;
  const completed = rows.filter((r) => r.minutes >= plan.totalMinutes).length;
  const totalMinutes = rows.reduce((sum, r) => sum + r.minutes, 0);
  return {
    people,
    completed,
    completedShare: people ? completed / people : 0,
    totalMinutes,
    averageMinutes: people ? Math.round(totalMinutes / people) : 0,
  };
}

function completionSummaryOf(figures: readonly GroupFigures[]): string {
  const withPeople = figures.filter((f) => f.people > 0);
  if (withPeople.length === 0) return t('dashboard.empty');
  const ranked = [...withPeople].sort((a, b) => b.completedShare - a.completedShare);
  const top = ranked[0] as GroupFigures;
  const bottom = ranked.at(-1) as GroupFigures;
  const share = (f: Figures) => Math.round(f.completedShare * 1000) / 10;
  return t('dashboard.program.completionSummary', {
    top: top.label,
    topShare: share(top),
    bottom: bottom.label,
    bottomShare: share(bottom),
  });
}

function summaryOf(figures: readonly (Figures & { label: string })[]): string {
  const withPeople = figures.filter((f) => f.people > 0);
  if (withPeople.length === 0) return t('dashboard.empty');
  const byHours = [...withPeople].sort((a, b) => b.averageMinutes - a.averageMinutes);
  const top = byHours[0] as Figures & { label: string };
  const bottom = byHours.at(-1) as Figures & { label: string };
  return t('dashboard.program.summary', {
    top: top.label,
    topHours: Math.round(top.averageMinutes / 6) / 10,
    bottom: bottom.label,
    bottomHours: Math.round(bottom.averageMinutes / 6) / 10,
  });
}

export interface Figures {
  /** People actively enrolled (each once). */
  people: number;
  /** Of them, with the program's minutes credited. */
  completed: number;
  completedShare: number;
  totalMinutes: number;
  averageMinutes: number;
}

export interface GroupFigures extends Figures {
  key: string;
  label: string;
}

export interface ProgramDashboard {
  overall: Figures;
  groups: Record<
    ProgramGrouping,
    { title: string; summary: string; completionSummary: string; figures: GroupFigures[]; completionSvg: string; hoursSvg: string }
  >;
  cohorts: ({ id: number; name: string; startsOn: string; endsOn: string } & Figures)[];
}
