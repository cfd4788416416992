import type { APIRoute } from 'astro';
import { stringify } from 'csv-stringify/sync';
import { t } from '../../../i18n/index.ts';
import { canViewCohort } from '../../../lib/server/auth/authorize.ts';
import { getCohort } from '../../../lib/server/cohorts/cohorts.ts';
import { getAllQuizzes } from '../../../lib/server/course/catalog.ts';
import { getDb } from '../../../lib/server/db.ts';
import { getCohortGradebook } from '../../../lib/server/quizzes/gradebook.ts';

/** The gradebook as CSV (UTF-8 with BOM, so Excel in Mexico opens accents right). Same checks as the page. */
export const GET: APIRoute = async ({ params, locals }) => {
  const db = getDb();
  const id = Number(params.id);
  const cohort = Number.isInteger(id) ? getCohort(db, id) : null;
  if (!cohort) return new Response(null, { status: 404 });
  if (!locals.user || !canViewCohort(db, locals.user, id)) return new Response(null, { status: 403 });
  const quizzes = await getAllQuizzes();
  const rows = getCohortGradebook(db, id, quizzes);
  const header = [
    t('gradebook.csv.learner'),
    t('gradebook.csv.email'),
    t('gradebook.csv.state'),
    ...quizzes.flatMap((q) => [`m${q.moduleNumber}_calificacion`, `m${q.moduleNumber}_aprobado`, `m${q.moduleNumber}_intentos`]),
  ];
  const body = rows.map((r) => [
    r.fullName,
    r.email,
    r.state,
    ...quizzes.flatMap((q) => {
      const c = r.cells[q.moduleSlug];
      return [
        c?.grade === null || c?.grade === undefined ? '' : (c.grade * 100).toFixed(1),
        c?.passed ? 'sí' : 'no',
        String(c?.attempts ?? 0),
      ];
    }),
  ]);
  const csv = `\uFEFF${stringify([header, ...body])}`;
  const filename = `calificaciones-${cohort.name
    .normalize('NFD')
    .replace(/[^\w-]+/g, '-')
    .toLowerCase()}.csv`;
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
