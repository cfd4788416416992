import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { Role } from '../../db/schema/index.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getVisiblePracticeAttempt } from '../../src/lib/server/practice/attempt-access.ts';
import { mayReviewPracticeAttempt, reviewPracticeAttempt } from '../../src/lib/server/practice/attempt-review.ts';
import { getInspectionAttempt, saveInspectionStep, startInspection, submitInspection } from '../../src/lib/server/practice/inspection.ts';
import { loadInspectionsFromDir } from '../../src/lib/server/practice/inspection-content.ts';
import { saveRankingDraft, submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { referenceRanking } from '../../src/lib/server/tools/risk-reference.ts';
import { practiceReviewSchema } from '../../src/lib/validation/practice-review.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';
import { loadStandingContext } from '../standing-context.ts';

// The pages read the server's one connection; here it is each test's database.
let db: Db;
vi.mock('../../src/lib/server/db.ts', () => ({ getDb: () => db }));

const lerma = loadInspectionsFromDir().find((i) => i.scenario.slug === 'arneses-lerma') as ReturnType<
  typeof loadInspectionsFromDir
>[number];
const COMMENT = 'Buen hallazgo sobre el REPSE; revise la base legal del tercer hecho.';

let learner: number;
let classmate: number;
let instructor: number;
let otherInstructor: number;
let coordinator: number;
let admin: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, loadStandingContext().plan);
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  admin = insertPerson(db, { roles: ['admin'] }).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  learner = insertPerson(db).id;
  classmate = insertPerson(db).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  insertCohort(db, { name: 'G2', startsOn: '2027-03-01', endsOn: '2027-08-27', instructorIds: [otherInstructor], actorId: null });
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
});

/** The learner's submitted attempt of each kind. */
function submittedInspection(): number {
  const a = startInspection(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma });
  const form = new FormData();
  form.append('type', lerma.scenario.type.correct);
  saveInspectionStep(db, { userId: learner, attemptId: a.id, scenario: lerma.scenario, step: 'tipo', go: 'next', form });
  return submitInspection(db, { userId: learner, attemptId: a.id, inspection: lerma, programSlug: DEFAULT_PROGRAM_SLUG }).attempt.id;
}

function submittedRanking(): number {
  const picks = referenceRanking()
    .slice(0, 10)
    .map((r) => ({ employerId: r.employer.id, justification: 'Denuncias recientes y subcontratación alta.' }));
  return submitRanking(db, learner, picks).attemptId;
}

const kinds = [
  ['inspection', submittedInspection],
  ['ranking', submittedRanking],
] as const;

describe.each(kinds)('a staff comment on a submitted %s attempt', (kind, submit) => {
  const review = (reviewerId: number, attemptId: number, comment = COMMENT) =>
    codeOf(() => reviewPracticeAttempt(db, { reviewerId, attemptId, kind, comment }));
  const stored = (attemptId: number) => getVisiblePracticeAttempt(db, learner, attemptId, kind);

  test('the learner and a classmate cannot comment; an instructor of another cohort cannot either', () => {
    const id = submit();
    expect(review(learner, id)).toBe('error.forbidden');
    expect(review(classmate, id)).toBe('error.forbidden');
    expect(review(otherInstructor, id)).toBe('error.forbidden');
    expect(mayReviewPracticeAttempt(db, learner, stored(id)!)).toBe(false);
    expect(mayReviewPracticeAttempt(db, otherInstructor, stored(id)!)).toBe(false);
    expect(stored(id)).toMatchObject({ status: 'submitted', reviewComment: null, reviewedBy: null });
  });

  test("the learner's instructor comments: the attempt is reviewed, its score unchanged, and the learner reads it", () => {
    const id = submit();
    const before = stored(id)!;
    expect(mayReviewPracticeAttempt(db, instructor, before)).toBe(true);
    expect(review(instructor, id)).toBeUndefined();
    const after = stored(id)!;
    expect(after).toMatchObject({ status: 'reviewed', reviewedBy: instructor, reviewComment: COMMENT, score: before.score });
    expect(after.reviewedAt).toBeInstanceOf(Date);
  });

  test('the instructor loses the right when the learner leaves the cohort; coordination and administration keep it', () => {
    const id = submit();
    withdrawInspector(db, { cohortId, userId: learner, actorId: coordinator });
    expect(review(instructor, id)).toBe('error.forbidden');
    expect(review(coordinator, id)).toBeUndefined();
    expect(review(admin, id, `${COMMENT} Segunda lectura.`)).toBeUndefined();
    expect(stored(id)).toMatchObject({ status: 'reviewed', reviewedBy: admin, reviewComment: `${COMMENT} Segunda lectura.` });
  });

  test('an attempt in progress, another kind or a missing one cannot be commented', () => {
    const id = submit();
    const other = kind === 'inspection' ? 'ranking' : 'inspection';
    expect(codeOf(() => reviewPracticeAttempt(db, { reviewerId: coordinator, attemptId: id, kind: other, comment: COMMENT }))).toBe(
      'practice.review.notFound',
    );
    expect(review(coordinator, 999_999)).toBe('practice.review.notFound');
    const open =
      kind === 'inspection'
        ? startInspection(db, { userId: classmate, programSlug: DEFAULT_PROGRAM_SLUG, inspection: lerma }).id
        : saveRankingDraft(db, classmate, []).attemptId;
    expect(review(coordinator, open)).toBe('practice.review.notSubmitted');
    expect(review(coordinator, id, '  corto  ')).toBe('practice.review.commentShort');
  });
});

describe('the review form', () => {
  test('refuses a short or missing comment in Spanish', () => {
    const short = practiceReviewSchema.safeParse({ attemptId: '3', comment: ' bien ' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toBe('Escriba un comentario de al menos 10 caracteres.');
    expect(practiceReviewSchema.safeParse({ attemptId: '3' }).error?.issues[0]?.message).toBe(
      'Escriba un comentario de al menos 10 caracteres.',
    );
    expect(practiceReviewSchema.parse({ attemptId: '3', comment: `  ${COMMENT}\r\n` })).toEqual({ attemptId: 3, comment: COMMENT });
  });
});

describe('pages', () => {
  const user = (id: number, roles: Role[]) => ({ user: { id, roles, fullName: 'Prueba', email: 'p@example.mx' }, session: null });

  test('the learner reads the comment on their inspection; the instructor gets the form, the learner does not', async () => {
    const id = submittedInspection();
    reviewPracticeAttempt(db, { reviewerId: instructor, attemptId: id, kind: 'inspection', comment: COMMENT });
    const container = await AstroContainer.create();
    const { default: Own } = await import('../../src/pages/diplomado/practicas/[intento].astro');
    const own = await container.renderToString(Own, {
      params: { intento: String(id) },
      request: new Request(`http://localhost/diplomado/practicas/${id}`),
      locals: user(learner, ['inspector']),
    });
    expect(own).toContain('Comentario del personal docente');
    expect(own).toContain(COMMENT);
    expect(own).not.toContain('name="comment"');
    const { default: Staff } = await import('../../src/pages/generaciones/[id]/practicas/[intento].astro');
    const staff = await container.renderToString(Staff, {
      params: { id: String(cohortId), intento: String(id) },
      request: new Request(`http://localhost/generaciones/${cohortId}/practicas/${id}`),
      locals: user(instructor, ['instructor']),
    });
    expect(staff).toContain('name="comment"');
    expect(staff).toContain(COMMENT);
    expect(getInspectionAttempt(db, id)?.status).toBe('reviewed');
  });

  test('the learner reads the comment beside their ranking feedback; the instructor gets the form', async () => {
    const id = submittedRanking();
    reviewPracticeAttempt(db, { reviewerId: instructor, attemptId: id, kind: 'ranking', comment: COMMENT });
    const container = await AstroContainer.create();
    const { default: Page } = await import('../../src/pages/diplomado/herramientas/focalizacion.astro');
    const render = (userId: number, roles: Role[]) =>
      container.renderToString(Page, {
        request: new Request(`http://localhost/diplomado/herramientas/focalizacion?intento=${id}`),
        locals: user(userId, roles),
      });
    const own = await render(learner, ['inspector']);
    expect(own).toContain(COMMENT);
    expect(own).not.toContain('name="comment"');
    const staff = await render(instructor, ['instructor']);
    expect(staff).toContain('name="comment"');
    expect(staff).toContain('_action=ranking.review');
    const stranger = await render(otherInstructor, ['instructor']);
    expect(stranger).not.toContain(COMMENT);
    expect(stranger).not.toContain('name="comment"');
  });
});
