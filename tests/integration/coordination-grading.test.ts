import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { Role } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { gradeEssayResponse, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { listPendingEssays, listPendingEssaysForCoordination } from '../../src/lib/server/quizzes/gradebook.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

/**
 * Coordination may grade any learner's essay (cohorts/teaching.ts, decision 010), so it has a
 * grading queue of its own: every cohort's open answers, a withdrawn learner's too, or one cohort's.
 */
const sample = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const pool = sample.pools[0] as Quiz['pools'][number];
const essayQuiz: Quiz = {
  ...sample,
  attempts: 5,
  draw: [{ pool: 'basicos', count: 1 }],
  pools: [{ ...pool, questions: pool.questions.filter((q) => q.type === 'essay') }],
};
const MODULE = '04-subcontratacion-repse';

let db: Db;
const person = (roles: Role[]) => insertPerson(db, { roles }).id;

function essayAttempt(userId: number, cohortId: number): number {
  const { attemptId } = startAttempt(db, {
    userId,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: MODULE,
    quiz: essayQuiz,
    cohortId,
  });
  saveResponses(db, { attemptId, userId, answers: { ensayo: { type: 'essay', text: 'La subordinación…' } } as never });
  submitAttempt(db, { attemptId, userId });
  return attemptId;
}

let people: Record<'coordinator' | 'admin' | 'instructor' | 'inspector', number>;
let cohorts: { a: number; b: number };
let attempts: { a: number; b: number; withdrawn: number };

beforeEach(() => {
  db = createTestDb();
  people = {
    coordinator: person(['coordinator']),
    admin: person(['admin']),
    instructor: person(['instructor']),
    inspector: person(['inspector']),
  };
  const cohort = (name: string) =>
    createCohort(db, { name, startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [people.instructor], actorId: null }).id;
  cohorts = { a: cohort('Generación A'), b: cohort('Generación B') };
  const learner = (cohortId: number) => {
    const id = person(['inspector']);
    enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
    return id;
  };
  const [inA, inB, leaves] = [learner(cohorts.a), learner(cohorts.b), learner(cohorts.a)];
  attempts = { a: essayAttempt(inA, cohorts.a), b: essayAttempt(inB, cohorts.b), withdrawn: essayAttempt(leaves, cohorts.a) };
  withdrawInspector(db, { cohortId: cohorts.a, userId: leaves, actorId: null });
});

describe('listPendingEssaysForCoordination', () => {
  test('lists every cohort’s open answers with the cohort, a withdrawn learner’s too, which no instructor may grade', () => {
    const all = listPendingEssaysForCoordination(db, people.coordinator);
    expect(all.map((p) => p.attemptId).sort()).toEqual([attempts.a, attempts.b, attempts.withdrawn].sort());
    expect(all.find((p) => p.attemptId === attempts.b)?.cohortName).toBe('Generación B');
    // The instructor's own queue leaves the withdrawn learner's answer out (decision 010).
    expect(
      listPendingEssays(db, people.instructor)
        .map((p) => p.attemptId)
        .sort(),
    ).toEqual([attempts.a, attempts.b].sort());
  });

  test('keeps to one cohort when asked, and drops an answer once coordination grades it', () => {
    expect(
      listPendingEssaysForCoordination(db, people.admin, { cohortId: cohorts.a })
        .map((p) => p.attemptId)
        .sort(),
    ).toEqual([attempts.a, attempts.withdrawn].sort());
    gradeEssayResponse(db, {
      attemptId: attempts.withdrawn,
      questionId: 'ensayo',
      levels: [1],
      comment: 'Bien.',
      actorId: people.coordinator,
    });
    expect(listPendingEssaysForCoordination(db, people.coordinator, { cohortId: cohorts.a }).map((p) => p.attemptId)).toEqual([attempts.a]);
  });

  test('is refused to instructors and inspectors', () => {
    expect(codeOf(() => listPendingEssaysForCoordination(db, people.instructor))).toBe('error.forbidden');
    expect(codeOf(() => listPendingEssaysForCoordination(db, people.inspector, { cohortId: cohorts.a }))).toBe('error.forbidden');
  });
});
