import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Role } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { canViewCohort } from '../../src/lib/server/auth/authorize.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, reenrollInspector, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import {
  getAttempt,
  gradeEssayResponse,
  grantQuizOverride,
  saveResponses,
  startAttempt,
  submitAttempt,
} from '../../src/lib/server/quizzes/attempts.ts';
import { requireEssayToGrade } from '../../src/lib/server/quizzes/essay-grading.ts';
import { getCohortGradebook, getItemStatistics, listPendingEssays } from '../../src/lib/server/quizzes/gradebook.ts';
import { gradebookCsvRows } from '../../src/lib/server/quizzes/gradebook-csv.ts';
import { buildGradebookView, gradebookModules } from '../../src/lib/server/quizzes/gradebook-view.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

/**
 * Issue #11, point 2: an instructor's rights over a learner last while the learner is actively
 * enrolled in a cohort they teach, and over an attempt while the learner is in the attempt's own
 * cohort; coordination keeps its rights. Each row is a situation and a person; each column one
 * place where a learner's work is seen or changed.
 */

const sample = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const pool = sample.pools[0] as Quiz['pools'][number];
/** Module 4: the essay alone, so the attempt waits for a grade. */
const essayQuiz: Quiz = {
  ...sample,
  attempts: 5,
  draw: [{ pool: 'basicos', count: 1 }],
  pools: [{ ...pool, questions: pool.questions.filter((q) => q.type === 'essay') }],
};
/** Module 9: the numeric question alone, graded at once (item statistics count graded attempts). */
const objectiveQuiz: Quiz = {
  ...sample,
  attempts: 5,
  draw: [{ pool: 'basicos', count: 1 }],
  pools: [{ ...pool, questions: pool.questions.filter((q) => q.id === 'multa') }],
};
const ESSAY_MODULE = '04-subcontratacion-repse';
const OBJECTIVE_MODULE = '09-etica-integridad';
const QUIZZES = [
  { moduleSlug: ESSAY_MODULE, moduleNumber: 4, quiz: essayQuiz },
  { moduleSlug: OBJECTIVE_MODULE, moduleNumber: 9, quiz: objectiveQuiz },
];
const MODULES = gradebookModules(QUIZZES, []);

interface World {
  db: Db;
  people: Record<'taught' | 'other' | 'next' | 'coordinator', { id: number; roles: Role[] }>;
  cohorts: { taught: number; other: number; next: number };
  learner: { id: number; name: string };
  /** The learner's essay attempt taken in the first cohort, waiting for a grade. */
  attemptId: number;
}

let world: World;

function takeAttempt(db: Db, userId: number, cohortId: number, moduleSlug: string, quiz: Quiz): number {
  const { attemptId } = startAttempt(db, { userId, programSlug: 'diplomado-inspeccion-federal', moduleSlug, quiz, cohortId });
  const answers =
    quiz.pools[0]?.questions[0]?.type === 'essay'
      ? { ensayo: { type: 'essay', text: 'La subordinación…' } }
      : { multa: { type: 'numeric', value: 2000 } };
  saveResponses(db, { attemptId, userId, answers: answers as never });
  submitAttempt(db, { attemptId, userId });
  return attemptId;
}

beforeEach(() => {
  const db = createTestDb();
  const person = (roles: Role[]) => ({ id: insertPerson(db, { roles }).id, roles });
  const people = {
    taught: person(['instructor']),
    other: person(['instructor']),
    next: person(['instructor']),
    coordinator: person(['coordinator']),
  };
  const cohort = (name: string, instructorId: number) =>
    createCohort(db, { name, startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [instructorId], actorId: null }).id;
  const cohorts = {
    taught: cohort('Primera', people.taught.id),
    other: cohort('Otra', people.other.id),
    next: cohort('Siguiente', people.next.id),
  };
  const learner = insertPerson(db, { roles: ['inspector'] }, 301);
  enrollInspectorOne(db, { cohortId: cohorts.taught, userId: learner.id, actorId: null });
  const attemptId = takeAttempt(db, learner.id, cohorts.taught, ESSAY_MODULE, essayQuiz);
  takeAttempt(db, learner.id, cohorts.taught, OBJECTIVE_MODULE, objectiveQuiz);
  world = { db, people, cohorts, learner: { id: learner.id, name: learner.person.fullName }, attemptId };
});

type Situation = 'enrolled' | 'withdrawn' | 'moved' | 'returned';

/** Puts the learner in the situation: still enrolled, withdrawn, withdrawn and enrolled in the next cohort, or re-enrolled. */
function arrange(situation: Situation): void {
  const { db, cohorts, learner } = world;
  if (situation === 'enrolled') return;
  withdrawInspector(db, { cohortId: cohorts.taught, userId: learner.id, actorId: null });
  if (situation === 'moved') enrollInspectorOne(db, { cohortId: cohorts.next, userId: learner.id, actorId: null });
  if (situation === 'returned') reenrollInspector(db, { cohortId: cohorts.taught, userId: learner.id, actorId: null });
}

const allowed = (work: () => unknown): boolean => codeOf(work) !== 'error.forbidden';

/** What the person can do with the learner's first-cohort attempt and with the learner, in every place. */
function rightsOf(who: keyof World['people']): Record<string, boolean> {
  const { db, people, learner, attemptId } = world;
  const actor = people[who];
  const user = { ...actor, fullName: who, email: `${who}@aula.test` };
  // Gradebook and export: every cohort the person may open, its rows for the learner and their attempts.
  const books = Object.values(world.cohorts)
    .filter((c) => canViewCohort(db, user, c))
    .map((c) => buildGradebookView(db, getCohortGradebook(db, c, QUIZZES), MODULES, { key: 'nombre', dir: 'asc' }).rows);
  const rows = books.flatMap((b) => b.filter((r) => r.userId === learner.id));
  const csvLines = books.flatMap((b) => gradebookCsvRows(MODULES, b).filter((line) => line[0] === learner.name));
  const rights = {
    queue: listPendingEssays(db, actor.id).some((p) => p.attemptId === attemptId),
    itemStatistics: actor.roles.includes('instructor') && getItemStatistics(db, OBJECTIVE_MODULE, actor.id).attempts > 0,
    gradebookAttempt: rows.some((r) => (r.cells[ESSAY_MODULE]?.attempts ?? 0) > 0),
    csvAttempt: csvLines.some((line) => Number(line[5]) > 0),
    openGradingPage: allowed(() => requireEssayToGrade(db, actor.id, attemptId, 'ensayo')),
    grantOverride: allowed(() =>
      grantQuizOverride(db, {
        userId: learner.id,
        moduleSlug: ESSAY_MODULE,
        extraAttempts: 1,
        extraMinutes: 0,
        reason: 'Falla de red',
        actorId: actor.id,
      }),
    ),
    // Last, because it changes the attempt.
    gradeEssay: allowed(() =>
      gradeEssayResponse(db, { attemptId, questionId: 'ensayo', levels: [1], comment: 'Bien.', actorId: actor.id }),
    ),
  };
  return rights;
}

const ALL = {
  queue: true,
  itemStatistics: true,
  gradebookAttempt: true,
  csvAttempt: true,
  openGradingPage: true,
  grantOverride: true,
  gradeEssay: true,
};
const NONE = {
  queue: false,
  itemStatistics: false,
  gradebookAttempt: false,
  csvAttempt: false,
  openGradingPage: false,
  grantOverride: false,
  gradeEssay: false,
};
/** Coordination has no grading queue or item statistics of its own; it grades and grants from anywhere. */
const COORDINATION = { ...NONE, openGradingPage: true, grantOverride: true, gradeEssay: true };

const MATRIX: [Situation, keyof World['people'], Record<string, boolean>][] = [
  ['enrolled', 'taught', ALL],
  ['enrolled', 'other', NONE],
  ['enrolled', 'coordinator', { ...COORDINATION, gradebookAttempt: true, csvAttempt: true }],
  ['withdrawn', 'taught', NONE],
  ['withdrawn', 'other', NONE],
  ['withdrawn', 'coordinator', COORDINATION],
  // The new cohort's instructor may grant the learner more attempts, but the earlier attempt stays with its own cohort.
  ['moved', 'taught', NONE],
  ['moved', 'next', { ...NONE, grantOverride: true }],
  ['moved', 'coordinator', COORDINATION],
  ['returned', 'taught', ALL],
];

describe('teaching rights over a learner and their attempts', () => {
  const AS = {
    taught: 'the first cohort’s instructor',
    other: 'another cohort’s instructor',
    next: 'the next cohort’s instructor',
    coordinator: 'coordination',
  };
  test.each(MATRIX.map(([situation, who, expected]) => ({ situation, who, as: AS[who], expected })))(
    'learner $situation, as $as',
    ({ situation, who, expected }) => {
      arrange(situation);
      expect(rightsOf(who)).toEqual(expected);
    },
  );

  test('nothing is written when a former instructor tries to grade or grant', () => {
    arrange('withdrawn');
    const { db, people, learner, attemptId } = world;
    expect(
      codeOf(() => gradeEssayResponse(db, { attemptId, questionId: 'ensayo', levels: [1], comment: 'x', actorId: people.taught.id })),
    ).toBe('error.forbidden');
    expect(getAttempt(db, attemptId)?.responses.get('ensayo')).toMatchObject({ score: null, comment: null });
    expect(
      codeOf(() =>
        grantQuizOverride(db, {
          userId: learner.id,
          moduleSlug: ESSAY_MODULE,
          extraAttempts: 1,
          extraMinutes: 0,
          reason: 'x',
          actorId: people.taught.id,
        }),
      ),
    ).toBe('error.forbidden');
  });

  test('the new cohort’s instructor grades the attempts taken in it, and sees them in its gradebook', () => {
    arrange('moved');
    const { db, people, learner, cohorts } = world;
    const next = takeAttempt(db, learner.id, cohorts.next, ESSAY_MODULE, essayQuiz);
    expect(listPendingEssays(db, people.next.id).map((p) => p.attemptId)).toEqual([next]);
    expect(listPendingEssays(db, people.taught.id)).toEqual([]);
    expect(requireEssayToGrade(db, people.next.id, next, 'ensayo').learnerName).toBe(learner.name);
    expect(codeOf(() => requireEssayToGrade(db, people.taught.id, next, 'ensayo'))).toBe('error.forbidden');
    const row = getCohortGradebook(db, cohorts.next, QUIZZES).find((r) => r.userId === learner.id);
    expect(row?.cells[ESSAY_MODULE]).toMatchObject({ attempts: 1, pending: 1 });
  });

  test('an instructor who loses the instructor role loses the rights with it', () => {
    const { db, people, attemptId } = world;
    db.$client.prepare("delete from user_roles where user_id = ? and role = 'instructor'").run(people.taught.id);
    expect(listPendingEssays(db, people.taught.id)).toEqual([]);
    expect(codeOf(() => requireEssayToGrade(db, people.taught.id, attemptId, 'ensayo'))).toBe('error.forbidden');
  });
});

describe('grading an essay refuses a rubric that is not filled in right', () => {
  test.each([
    ['a criterion left out', [], 'essays.level.missing'],
    ['a level the criterion does not have', [2], 'essays.level.unknown'],
    ['a level that is not a whole number', [Number.NaN], 'essays.level.unknown'],
    ['a criterion the rubric does not have', [1, 0], 'essays.level.extra'],
  ] as const)('%s', (_case, levels, code) => {
    const { db, people, attemptId } = world;
    expect(
      codeOf(() =>
        gradeEssayResponse(db, { attemptId, questionId: 'ensayo', levels: [...levels], comment: '', actorId: people.taught.id }),
      ),
    ).toBe(code);
    expect(getAttempt(db, attemptId)?.responses.get('ensayo')?.score).toBeNull();
  });
});
