import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { createCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getQuizStanding, grantQuizOverride } from '../../src/lib/server/quizzes/attempts.ts';
import { describeOverride, listCohortOverrides, revokeQuizOverride } from '../../src/lib/server/quizzes/overrides.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

const quiz = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const MODULE = '04-subcontratacion-repse';
let db: Db;
let instructor: number;
let learner: number;
let cohortId: number;
const standing = () => getQuizStanding(db, { userId: learner, programSlug: 'diplomado', moduleSlug: MODULE, quiz });

beforeEach(() => {
  db = createTestDb();
  instructor = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = createCohort(db, { name: 'G', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [instructor], actorId: null }).id;
  learner = insertPerson(db, { roles: ['inspector'] }, 201).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
});

function grant(extraAttempts = 1, extraMinutes = 0): number {
  return grantQuizOverride(db, {
    userId: learner,
    moduleSlug: MODULE,
    extraAttempts,
    extraMinutes,
    reason: 'Se cayó la red',
    actorId: instructor,
  }).overrideId;
}

describe('granted quiz overrides', () => {
  test('are listed on the cohort with the learner, what was granted, why and by whom', () => {
    const id = grant(1, 30);
    const [row] = listCohortOverrides(db, cohortId);
    expect(row).toMatchObject({ id, userId: learner, moduleSlug: MODULE, extraAttempts: 1, extraMinutes: 30, reason: 'Se cayó la red' });
    expect(row?.learnerName).toBeTruthy();
    expect(row?.grantedBy).toBeTruthy();
    expect(describeOverride({ extraAttempts: 1, extraMinutes: 30 })).toBe('1 intento adicional y 30 minutos adicionales');
    const other = createCohort(db, { name: 'H', startsOn: '2026-01-01', endsOn: '2026-12-31', instructorIds: [], actorId: null }).id;
    expect(listCohortOverrides(db, other)).toEqual([]);
  });

  test('are revoked with a reason: the allowance drops and the audit log keeps both', () => {
    const id = grant(2);
    expect(standing().attemptsAllowed).toBe(quiz.attempts + 2);
    revokeQuizOverride(db, { overrideId: id, reason: 'Concedido por error', actorId: instructor });
    expect(standing().attemptsAllowed).toBe(quiz.attempts);
    expect(listCohortOverrides(db, cohortId)).toEqual([]);
    const [entry] = listAuditEntries(db, { subjectUserId: learner, action: 'quiz.overrideRevoked' }).entries;
    expect(entry?.reason).toBe('Concedido por error');
    expect(entry?.details).toMatchObject({ module: MODULE, extraAttempts: 2, grantReason: 'Se cayó la red' });
  });

  test('cannot be revoked by an instructor who does not teach the learner, nor twice', () => {
    const id = grant();
    const stranger = insertPerson(db, { roles: ['instructor'] }).id;
    expect(codeOf(() => revokeQuizOverride(db, { overrideId: id, reason: 'No', actorId: stranger }))).toBe('error.forbidden');
    expect(listCohortOverrides(db, cohortId)).toHaveLength(1);
    revokeQuizOverride(db, { overrideId: id, reason: 'Sí', actorId: instructor });
    expect(codeOf(() => revokeQuizOverride(db, { overrideId: id, reason: 'Otra vez', actorId: instructor }))).toBe('override.notFound');
  });
});
