import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { canViewCohort } from '../../src/lib/server/auth/authorize.ts';
import {
  clearDashboardCache,
  getCachedCohortProgress,
  getCohortDashboard,
  parseDashboardFilters,
} from '../../src/lib/server/dashboards/cohort-dashboard.ts';
import { VERSION_RECHECK_MS } from '../../src/lib/server/dashboards/cache.ts';
import { getCohortProgress } from '../../src/lib/server/dashboards/cohort-progress.ts';
import { PACE_STATUSES, paceStatus } from '../../src/lib/server/dashboards/pace.ts';
import { getProgramDashboard } from '../../src/lib/server/dashboards/program-dashboard.ts';
import { progressExportRows } from '../../src/lib/server/dashboards/progress-export.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { creditInFull, enrollmentForCredit } from '../../src/lib/server/hours/ledger.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { type HoursPlan, syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeLesson, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { createTestDb } from '../db.ts';
import { DEMO_OFFICES, insertPerson } from '../factories.ts';

const plan: HoursPlan = loadHoursPlanFromFiles();
const lessons = plan.modules.flatMap((m) => m.lessons.map((l) => ({ ...l, moduleSlug: m.slug })));
// Day 86 of a 173-day cohort: the pace expects about half the program.
const cohortDates = { startsOn: '2026-09-07', endsOn: '2027-02-26' };
const NOW = new Date('2026-12-01T18:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
/** When a cached entry asks for its data version again. */
const LATER = new Date(NOW.getTime() + VERSION_RECHECK_MS);

let db: Db;
let cohortId: number;
let otherCohortId: number;
let people: Record<'onTrack' | 'behind' | 'never' | 'quiet' | 'poblana', number>;
let instructor: number;
let colleague: number;
let coordinator: number;

/** Credits the plan's lessons in order (from `from`) to a person until `minutes` are reached, recorded at `at`. */
function creditLessons(userId: number, minutes: number, at: Date, from = 0): void {
  const enrollmentId = enrollmentForCredit(db, userId, DEFAULT_PROGRAM_SLUG) as number;
  let credited = 0;
  for (const lesson of lessons.slice(from)) {
    if (credited >= minutes) break;
    credited += lesson.minutes;
    creditInFull(db, {
      userId,
      programSlug: DEFAULT_PROGRAM_SLUG,
      moduleSlug: lesson.moduleSlug,
      source: 'lesson',
      budget: 'study',
      ref: lesson.id,
      refMinutes: lesson.minutes,
      enrollmentId,
      recordedBy: null,
      at,
    });
  }
}

function ledgerSums(): Map<number, number> {
  const rows = db.all<{ userId: number; minutes: number }>(
    sql`select user_id as userId, sum(minutes) as minutes from hours_ledger group by user_id`,
  );
  return new Map(rows.map((r) => [r.userId, r.minutes]));
}

beforeEach(() => {
  clearDashboardCache();
  db = createTestDb();
  syncHourBudgets(db, plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  colleague = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = insertCohort(db, { name: 'G1', ...cohortDates, instructorIds: [instructor], actorId: null }).id;
  otherCohortId = insertCohort(db, { name: 'G2', ...cohortDates, instructorIds: [colleague], actorId: null }).id;
  const slp = { state: 'San Luis Potosí' as const, office: DEMO_OFFICES['San Luis Potosí'] };
  people = {
    onTrack: insertPerson(db, { ...slp, gender: 'mujer' }).id,
    behind: insertPerson(db, { ...slp, gender: 'hombre' }).id,
    never: insertPerson(db, { ...slp, gender: null }).id,
    quiet: insertPerson(db, { ...slp, gender: 'mujer' }).id,
    poblana: insertPerson(db, { state: 'Puebla', office: DEMO_OFFICES.Puebla, gender: 'mujer' }).id,
  };
  for (const userId of Object.values(people)) enrollInspectorOne(db, { cohortId, userId, actorId: null });
  // The pace expects about 3,580 minutes today and 2,996 two weeks ago (the behind line).
  creditLessons(people.onTrack, 3600, daysAgo(2));
  creditLessons(people.behind, 600, daysAgo(3));
  creditLessons(people.quiet, 3600, daysAgo(20));
  creditLessons(people.poblana, 3300, daysAgo(1));
  // One lesson completed through the learner's path, so lessons completed is not only the ledger.
  const first = lessons[0] as (typeof lessons)[number];
  const ref = { userId: people.poblana, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: first.moduleSlug, lessonId: first.id };
  recordHeartbeat(db, ref, daysAgo(1));
  completeLesson(db, { ...ref, minMinutes: 0, hours: first.minutes / 60 }, daysAgo(1));
});

describe('the cohort dashboard', () => {
  test('every learner’s hours equal the ledger’s sum, and each status is the pace rule applied to them', () => {
    const rows = getCohortProgress(db, { id: cohortId, ...cohortDates }, plan, NOW);
    const sums = ledgerSums();
    expect(rows.map((r) => r.userId).sort()).toEqual(Object.values(people).sort());
    for (const row of rows) {
      expect(row.totalMinutes).toBe(sums.get(row.userId) ?? 0);
      expect(Object.values(row.moduleMinutes).reduce((a, b) => a + b, 0)).toBe(row.totalMinutes);
      expect(row.status).toBe(
        paceStatus({
          ...cohortDates,
          programMinutes: plan.totalMinutes,
          creditedMinutes: row.totalMinutes,
          lastActivity: row.lastActivity,
          now: NOW,
          today: '2026-12-01',
        }),
      );
    }
    const status = (id: number) => rows.find((r) => r.userId === id)?.status;
    expect(status(people.onTrack)).toBe('on_track');
    expect(status(people.behind)).toBe('behind');
    expect(status(people.never)).toBe('inactive');
    expect(status(people.quiet)).toBe('inactive');
    expect(rows.find((r) => r.userId === people.poblana)?.lessonsCompleted).toBe(1);
    expect(rows.find((r) => r.userId === people.poblana)?.attendance).toEqual({ held: 0, excused: 0, attended: 0, share: null });
  });

  test('the counts per status add up to the cohort and match the learners listed', () => {
    const dashboard = getCohortDashboard(db, { id: cohortId, ...cohortDates }, plan, parseDashboardFilters(new URLSearchParams()), NOW);
    expect(dashboard.total).toBe(5);
    expect(PACE_STATUSES.reduce((sum, s) => sum + dashboard.counts[s], 0)).toBe(5);
    for (const s of PACE_STATUSES) expect(dashboard.counts[s]).toBe(dashboard.learners.filter((l) => l.status === s).length);
    expect(dashboard.histogram.bins.reduce((sum, b) => sum + b.value, 0)).toBe(5);
    for (const m of dashboard.heat.modules) expect(Object.values(m.bands).reduce((a, b) => a + b, 0)).toBe(5);
    expect(dashboard.histogram.svg).toMatch(/^<svg role="img"[^>]*aria-label="Distribución de horas acreditadas"/);
    expect(dashboard.heat.svg).toMatch(/^<svg/);
  });

  test('filters by state, office and gender keep only those people, and the choices come from the whole cohort', () => {
    const cohort = { id: cohortId, ...cohortDates };
    const puebla = getCohortDashboard(db, cohort, plan, parseDashboardFilters(new URLSearchParams({ entidad: 'Puebla' })), NOW);
    expect(puebla.learners.map((l) => l.userId)).toEqual([people.poblana]);
    expect(puebla.options.states).toEqual(['Puebla', 'San Luis Potosí']);
    expect(puebla.options.offices).toEqual([DEMO_OFFICES.Puebla]);
    const women = getCohortDashboard(db, cohort, plan, parseDashboardFilters(new URLSearchParams({ genero: 'mujer' })), NOW);
    expect(women.learners.map((l) => l.userId).sort()).toEqual([people.onTrack, people.quiet, people.poblana].sort());
    const unset = getCohortDashboard(db, cohort, plan, parseDashboardFilters(new URLSearchParams({ genero: 'unset' })), NOW);
    expect(unset.learners.map((l) => l.userId)).toEqual([people.never]);
    const office = getCohortDashboard(
      db,
      cohort,
      plan,
      parseDashboardFilters(new URLSearchParams({ oficina: DEMO_OFFICES['San Luis Potosí'], genero: 'hombre' })),
      NOW,
    );
    expect(office.learners.map((l) => l.userId)).toEqual([people.behind]);
    expect(office.counts.behind).toBe(1);
  });

  test('withdrawn learners leave the dashboard', () => {
    withdrawInspector(db, { cohortId, userId: people.behind, actorId: null, reason: 'Cambio de adscripción' });
    const dashboard = getCohortDashboard(db, { id: cohortId, ...cohortDates }, plan, parseDashboardFilters(new URLSearchParams()), NOW);
    expect(dashboard.learners.map((l) => l.userId)).not.toContain(people.behind);
    expect(dashboard.total).toBe(4);
  });

  test('the cache serves the same figures until a ledger entry is added, then recomputes them', () => {
    const cohort = { id: cohortId, ...cohortDates };
    const none = parseDashboardFilters(new URLSearchParams());
    const first = getCohortDashboard(db, cohort, plan, none, NOW);
    expect(getCohortDashboard(db, cohort, plan, none, NOW)).toBe(first);
    creditLessons(people.behind, 1, NOW, 20);
    // Within a second the kept figures are served without asking; then the new entry shows.
    expect(getCohortDashboard(db, cohort, plan, none, NOW)).toBe(first);
    const second = getCohortDashboard(db, cohort, plan, none, LATER);
    expect(second).not.toBe(first);
    const before = first.learners.find((l) => l.userId === people.behind)?.totalMinutes ?? 0;
    expect(second.learners.find((l) => l.userId === people.behind)?.totalMinutes).toBe(before + (lessons[20]?.minutes ?? 0));
    expect(getCachedCohortProgress(db, cohort, plan, LATER).find((l) => l.userId === people.behind)?.totalMinutes).toBe(
      ledgerSums().get(people.behind),
    );
  });

  test('the cache also notices a learner’s profile changing, so filters stay true', () => {
    const cohort = { id: cohortId, ...cohortDates };
    const puebla = parseDashboardFilters(new URLSearchParams({ entidad: 'Puebla' }));
    expect(getCohortDashboard(db, cohort, plan, puebla, NOW).total).toBe(1);
    db.run(sql`update users set state = 'Puebla', updated_at = ${Date.now() + 1000} where id = ${people.never}`);
    expect(getCohortDashboard(db, cohort, plan, puebla, LATER).total).toBe(2);
  });
});

describe('the progress export', () => {
  test('has one row per learner with the dashboard’s numbers, hours as numbers', () => {
    const learners = getCohortProgress(db, { id: cohortId, ...cohortDates }, plan, NOW);
    const [header, ...rows] = progressExportRows(plan, learners);
    expect(header).toHaveLength(4 + 1 + plan.modules.length + 4);
    expect(rows).toHaveLength(5);
    const row = rows.find((r) => r[0] === learners.find((l) => l.userId === people.onTrack)?.fullName) ?? [];
    expect(row[4]).toBe(Math.round(((ledgerSums().get(people.onTrack) ?? 0) / 60) * 100) / 100);
    expect(row.at(-1)).toBe('Al día');
    expect(row.at(-2)).toBeNull();
  });
});

describe('the program-wide view', () => {
  test('counts each person once across cohorts, with their ledger hours, by state and gender', () => {
    enrollInspectorOne(db, { cohortId: otherCohortId, userId: people.poblana, actorId: null, concurrentReason: 'Repite un módulo' });
    const view = getProgramDashboard(db, plan);
    expect(view.overall.people).toBe(5);
    const sums = ledgerSums();
    const total = [...sums.values()].reduce((a, b) => a + b, 0);
    expect(view.overall.totalMinutes).toBe(total);
    const puebla = view.groups.state.figures.find((f) => f.key === 'Puebla');
    expect(puebla).toMatchObject({ people: 1, totalMinutes: sums.get(people.poblana) });
    const women = view.groups.gender.figures.find((f) => f.key === 'mujer');
    expect(women?.people).toBe(3);
    expect(view.groups.gender.figures.find((f) => f.key === 'unset')?.label).toBe('Sin declarar');
    expect(view.cohorts.map((c) => [c.name, c.people])).toEqual([
      ['G1', 5],
      ['G2', 1],
    ]);
  });

  test('is cached until the ledger changes', () => {
    const first = getProgramDashboard(db, plan, NOW);
    expect(getProgramDashboard(db, plan, NOW)).toBe(first);
    creditLessons(people.never, 1, NOW);
    expect(getProgramDashboard(db, plan, LATER).overall.totalMinutes).toBe(first.overall.totalMinutes + (lessons[0]?.minutes ?? 0));
  });
});

describe('who may open a cohort dashboard and its exports', () => {
  test('its instructors and coordination may; another cohort’s instructor and a learner may not', () => {
    const user = (id: number, roles: ('inspector' | 'instructor' | 'coordinator')[]) => ({ id, fullName: '', email: '', roles });
    expect(canViewCohort(db, user(instructor, ['instructor']), cohortId)).toBe(true);
    expect(canViewCohort(db, user(coordinator, ['coordinator']), cohortId)).toBe(true);
    expect(canViewCohort(db, user(colleague, ['instructor']), cohortId)).toBe(false);
    expect(canViewCohort(db, user(people.onTrack, ['inspector']), cohortId)).toBe(false);
  });
});
