import { and, eq, notInArray } from 'drizzle-orm';
import { HOUR_BUDGETS, type HourBudget, hourBudgets } from '../../../../db/schema/index.ts';
import type { ModuleBudget } from '../../content/schemas.ts';
import type { Db } from '../db.ts';

/**
 * The program's hours as content declares them (module.yaml `budget`, lesson `hours`), in
 * minutes: what the ledger may credit. Built from the catalog by the server, or from the
 * content files by tests and scripts, so domain code never imports astro:content.
 */
export interface HoursPlan {
  programSlug: string;
  totalMinutes: number;
  modules: PlanModule[];
}

export interface PlanModule {
  slug: string;
  number: number;
  title: string;
  minutes: number;
  budget: Record<HourBudget, number>;
  lessons: { id: string; minutes: number }[];
  /** The module quiz's rules, when it has one. */
  quiz: { grading: 'highest' | 'last' | 'average'; passingScore: number } | null;
}

interface ModuleLike {
  slug: string;
  number: number;
  title: string;
  hours: number;
  budget: ModuleBudget;
  lessons: readonly { id: string; hours: number; draft?: boolean }[];
}

export function hoursPlanFrom(
  program: { slug: string; totalHours: number },
  modules: readonly ModuleLike[],
  quizzes: ReadonlyMap<string, { grading: 'highest' | 'last' | 'average'; passingScore: number }>,
): HoursPlan {
  const minutes = (hours: number) => Math.round(hours * 60);
  return {
    programSlug: program.slug,
    totalMinutes: minutes(program.totalHours),
    modules: modules.map((m) => ({
      slug: m.slug,
      number: m.number,
      title: m.title,
      minutes: minutes(m.hours),
      budget: {
        study: minutes(m.budget.study),
        live: minutes(m.budget.live),
        practice: minutes(m.budget.practice),
        evaluation: minutes(m.budget.evaluation),
      },
      lessons: m.lessons.filter((l) => !l.draft).map((l) => ({ id: l.id, minutes: minutes(l.hours) })),
      quiz: quizzes.get(m.slug) ?? null,
    })),
  };
}

/**
 * Copies the plan's budgets to `hour_budgets`, where the ledger's trigger reads them. Run when
 * the server starts (content is fixed per build) and by seeds and tests; idempotent. The stored
 * budgets are read first and written only when they differ: on most starts nothing changed, and
 * forty upserts built by the query builder were ~25 ms of the first response.
 */
export function syncHourBudgets(db: Db, plan: HoursPlan): void {
  const wanted = new Map(
    plan.modules.flatMap((module) => HOUR_BUDGETS.map((budget) => [`${module.slug}\0${budget}`, module.budget[budget]] as const)),
  );
  if (sameBudgets(db, plan.programSlug, wanted)) return;
  db.transaction(
    (tx) => {
      for (const module of plan.modules) {
        for (const budget of HOUR_BUDGETS) {
          tx.insert(hourBudgets)
            .values({ programSlug: plan.programSlug, moduleSlug: module.slug, budget, minutes: module.budget[budget] })
            .onConflictDoUpdate({
              target: [hourBudgets.programSlug, hourBudgets.moduleSlug, hourBudgets.budget],
              set: { minutes: module.budget[budget] },
            })
            .run();
        }
      }
      const slugs = plan.modules.map((m) => m.slug);
      tx.delete(hourBudgets)
        .where(and(eq(hourBudgets.programSlug, plan.programSlug), notInArray(hourBudgets.moduleSlug, slugs)))
        .run();
    },
    { behavior: 'immediate' },
  );
}

/** Whether `hour_budgets` holds exactly `wanted` (module and budget → minutes) for the program. */
function sameBudgets(db: Db, programSlug: string, wanted: Map<string, number>): boolean {
  const stored = db.$client
    .prepare('select module_slug as moduleSlug, budget, minutes from hour_budgets where program_slug = ?')
    .all(programSlug) as { moduleSlug: string; budget: string; minutes: number }[];
  return stored.length === wanted.size && stored.every((row) => wanted.get(`${row.moduleSlug}\0${row.budget}`) === row.minutes);
}

export function planModule(plan: HoursPlan, moduleSlug: string): PlanModule | undefined {
  return plan.modules.find((m) => m.slug === moduleSlug);
}
