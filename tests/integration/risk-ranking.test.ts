import { beforeEach, describe, expect, test } from 'vitest';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getVisiblePracticeAttempt } from '../../src/lib/server/practice/attempt-access.ts';
import { getRankingDraft, type RankingFeedback, saveRankingDraft, submitRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { listRankingsForReview } from '../../src/lib/server/tools/ranking-review.ts';
import { referenceRanking } from '../../src/lib/server/tools/risk-reference.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

const reference = referenceRanking();
const topIds = reference.slice(0, 10).map((r) => r.employer.id);
const picks = (ids: string[]) => ids.map((employerId) => ({ employerId, justification: 'Subcontratación alta y contrato sin constancia' }));

let db: Db;
let learner: number;
let classmate: number;
let instructor: number;
let otherInstructor: number;
let coordinator: number;
let outsider: number;

beforeEach(() => {
  db = createTestDb();
  learner = insertPerson(db).id;
  classmate = insertPerson(db).id;
  outsider = insertPerson(db).id;
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  otherInstructor = insertPerson(db, { roles: ['instructor'] }).id;
  coordinator = insertPerson(db, { roles: ['coordinator'] }).id;
  const cohortId = insertCohort(db, {
    name: 'G1',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [instructor],
    actorId: null,
  }).id;
  insertCohort(db, { name: 'G2', startsOn: '2027-03-01', endsOn: '2027-08-27', instructorIds: [otherInstructor], actorId: null });
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  enrollInspectorOne(db, { cohortId, userId: classmate, actorId: null });
});

describe('the risk ranking exercise', () => {
  test('a draft is saved as typed, resumed, and holds nothing of the reference', () => {
    const draft = [{ employerId: topIds[0]!, justification: 'corta' }];
    const { attemptId } = saveRankingDraft(db, learner, draft);
    expect(getRankingDraft(db, learner)).toEqual(draft);
    expect(getRankingDraft(db, classmate)).toBeNull();
    const attempt = getVisiblePracticeAttempt(db, learner, attemptId, 'ranking');
    expect(attempt).toMatchObject({ status: 'in_progress', feedback: null, score: null });
    expect(attempt?.state).not.toMatch(/position|score|signals/);
    // A second save updates the same attempt: one in progress per person and exercise.
    expect(saveRankingDraft(db, learner, picks(topIds.slice(0, 3))).attemptId).toBe(attemptId);
  });

  test('an incomplete ranking is kept but not scored', () => {
    expect(codeOf(() => submitRanking(db, learner, picks(topIds.slice(0, 9))))).toBe('ranking.missing');
    expect(getRankingDraft(db, learner)).toHaveLength(9);
  });

  test('a full ranking is scored on the server with its feedback', () => {
    const { attemptId, percent } = submitRanking(
      db,
      learner,
      picks([...topIds.slice(0, 5), ...reference.slice(20, 25).map((r) => r.employer.id)]),
    );
    expect(percent).toBe(Math.round((40 / 55) * 100));
    const attempt = getVisiblePracticeAttempt(db, learner, attemptId, 'ranking');
    expect(attempt).toMatchObject({ status: 'submitted', score: 40, maxScore: 55 });
    const feedback = JSON.parse(attempt?.feedback ?? '{}') as RankingFeedback;
    expect(feedback.reference.map((r) => r.id)).toEqual(topIds);
    expect(feedback.missed.map((m) => m.position)).toEqual([6, 7, 8, 9, 10]);
    expect(getRankingDraft(db, learner)).toBeNull();
  });

  test('a learner sees only their own attempts; an instructor their cohorts’; coordination all', () => {
    const { attemptId } = submitRanking(db, learner, picks(topIds));
    expect(getVisiblePracticeAttempt(db, learner, attemptId, 'ranking')).not.toBeNull();
    expect(getVisiblePracticeAttempt(db, instructor, attemptId, 'ranking')).not.toBeNull();
    expect(getVisiblePracticeAttempt(db, coordinator, attemptId, 'ranking')).not.toBeNull();
    expect(getVisiblePracticeAttempt(db, classmate, attemptId, 'ranking')).toBeNull();
    expect(getVisiblePracticeAttempt(db, otherInstructor, attemptId, 'ranking')).toBeNull();
  });

  test('someone not enrolled cannot save a ranking', () => {
    expect(codeOf(() => saveRankingDraft(db, outsider, picks(topIds)))).toBe('practice.notEnrolled');
  });
});

describe('reviewing rankings', () => {
  test('an instructor lists the submitted rankings of the learners they teach; coordination all', () => {
    submitRanking(db, learner, picks(topIds));
    saveRankingDraft(db, classmate, picks(topIds.slice(0, 2)));
    expect(listRankingsForReview(db, instructor).map((r) => r.percent)).toEqual([100]);
    expect(listRankingsForReview(db, otherInstructor)).toEqual([]);
    expect(listRankingsForReview(db, coordinator)).toHaveLength(1);
  });
});
