import type { Db } from '../db.ts';
import { type ActivityModule, getLearnerActivity } from '../progress/learner-activity.ts';
import type { GradebookCell, GradebookRow } from './gradebook.ts';

/** The columns a gradebook sorts by: name, a module's grade (`m3`), average, lessons, last visit. */
export type GradebookSortKey = 'nombre' | 'promedio' | 'lecciones' | 'visita' | `m${number}`;
export interface GradebookSort {
  key: GradebookSortKey;
  dir: 'asc' | 'desc';
}

export interface GradebookViewRow extends GradebookRow {
  /** Mean of the module grades already graded (0..1); null before any grade. */
  average: number | null;
  /** Modules whose quiz the learner passed. */
  passed: number;
  lastVisit: Date | null;
  /** Lessons completed per module slug, and in all. */
  lessons: Record<string, number>;
  lessonsTotal: number;
  /** The attempt a cell opens: the learner's latest in this cohort, per module slug. */
  attemptIds: Record<string, number>;
}

export interface GradebookTotals {
  /** Per module slug: mean grade of those graded (null when nobody is), how many passed, mean lessons completed. */
  modules: Record<string, { average: number | null; passed: number; lessons: number }>;
  /** Mean of the learners' averages, and mean of their lessons completed in all. */
  average: number | null;
  lessons: number;
  learners: number;
}

export interface GradebookModule extends ActivityModule {
  number: number;
}

/**
 * The gradebook's modules, page and CSV alike: each module with a quiz, in program order, with
 * the ids of its lessons in the catalog (lessons completed are counted over these).
 */
export function gradebookModules(
  quizzes: readonly { moduleSlug: string; moduleNumber: number }[],
  catalogModules: readonly { slug: string; lessons: readonly { id: string }[] }[],
): GradebookModule[] {
  return quizzes.map((q) => ({
    slug: q.moduleSlug,
    number: q.moduleNumber,
    lessonIds: catalogModules.find((m) => m.slug === q.moduleSlug)?.lessons.map((l) => l.id) ?? [],
  }));
}

/**
 * The gradebook as staff read it (issue #12): each learner's grades with their average, modules
 * passed, lessons completed per module, last visit and the attempt each cell opens; the group's
 * averages; rows sorted by the chosen column, names in Spanish order (Á beside A, Ñ after N).
 */
export function buildGradebookView(
  db: Db,
  rows: readonly GradebookRow[],
  modules: readonly GradebookModule[],
  sort: GradebookSort,
): { rows: GradebookViewRow[]; totals: GradebookTotals } {
  const learnerIds = rows.map((r) => r.userId);
  const activity = getLearnerActivity(db, learnerIds, modules);
  const view = rows.map((r): GradebookViewRow => {
    const grades = Object.values(r.cells).flatMap((c) => (c.grade === null ? [] : [c.grade]));
    const lessons = activity.get(r.userId)?.lessonsCompleted ?? {};
    return {
      ...r,
      average: mean(grades),
      passed: Object.values(r.cells).filter((c) => c.passed).length,
      lastVisit: activity.get(r.userId)?.lastVisit ?? null,
      lessons,
      lessonsTotal: Object.values(lessons).reduce((a, b) => a + b, 0),
      attemptIds: Object.fromEntries(
        modules.flatMap((m) => {
          const id = r.cells[m.slug]?.latestAttemptId;
          return id == null ? [] : [[m.slug, id]];
        }),
      ),
    };
  });
  const totals: GradebookTotals = {
    modules: Object.fromEntries(
      modules.map((m) => {
        const cells = view.map((r) => r.cells[m.slug]).filter((c): c is GradebookCell => Boolean(c));
        return [
          m.slug,
          {
            average: mean(cells.flatMap((c) => (c.grade === null ? [] : [c.grade]))),
            passed: cells.filter((c) => c.passed).length,
            lessons: mean(view.map((r) => r.lessons[m.slug] ?? 0)) ?? 0,
          },
        ];
      }),
    ),
    average: mean(view.flatMap((r) => (r.average === null ? [] : [r.average]))),
    lessons: mean(view.map((r) => r.lessonsTotal)) ?? 0,
    learners: view.length,
  };
  return { rows: sortGradebook(view, modules, sort), totals };
}

/** Reads `?orden=…&dir=…`; anything unknown falls back to names A to Z. */
export function parseGradebookSort(orden: string | null, dir: string | null, modules: readonly { number: number }[]): GradebookSort {
  const known = ['nombre', 'promedio', 'lecciones', 'visita', ...modules.map((m) => `m${m.number}`)];
  const key = (orden && known.includes(orden) ? orden : 'nombre') as GradebookSortKey;
  return { key, dir: dir === 'desc' ? 'desc' : 'asc' };
}

const collator = new Intl.Collator('es-MX', { sensitivity: 'base' });

/** Sorted by the column; people without a value (no grade, never came) go last either way; ties by name. */
export function sortGradebook<T extends GradebookViewRow>(
  rows: readonly T[],
  modules: readonly GradebookModule[],
  sort: GradebookSort,
): T[] {
  const slug = sort.key.startsWith('m') ? modules.find((m) => `m${m.number}` === sort.key)?.slug : undefined;
  const value = (r: T): number | null =>
    sort.key === 'promedio'
      ? r.average
      : sort.key === 'lecciones'
        ? r.lessonsTotal
        : sort.key === 'visita'
          ? (r.lastVisit?.getTime() ?? null)
          : slug
            ? (r.cells[slug]?.grade ?? null)
            : null;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byName = collator.compare(a.fullName, b.fullName) || a.userId - b.userId;
    if (sort.key === 'nombre') return sign * byName;
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? byName : x === null ? 1 : -1;
    return sign * (x - y) || byName;
  });
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10_000) / 10_000;
}
