import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { practiceAttempts } from '../../../../db/schema/index.ts';
import type { Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import type { PracticeAttemptRow } from './attempt-access.ts';
import { reviewPracticeAttempt } from './attempt-review.ts';
import {
  CASE_STEPS,
  type CaseStep,
  type CaseSteps,
  type StepIssue,
  type StepValues,
  pickStepValues,
  validateCaseFile,
  validateCaseStep,
} from './case-file-rules.ts';
import { requirePracticeSeat } from './learner-enrollment.ts';

/**
 * The case-file sandbox (ECMS practice, issue 15): a learner files a PRACTICE case, step by step,
 * for a fictional employer of module 10; the server validates each step and, at submission, the
 * whole file; an instructor of the learner's cohort reviews it with a comment. Practice cases
 * live only in practice_attempts (kind 'case_file'), never beside real data.
 */

export const CASE_FILE_SLUG = 'expediente-arneses-lerma';

/** The scenario (module 10, lesson 1): every name is fictional. */
export const CASE_SCENARIO = {
  employer: 'Arneses Lerma, S.A. de C.V. (ficticia)',
  place: 'Lerma, Estado de México',
  activity: 'Fabricación de arneses eléctricos para vehículos (rama automotriz, jurisdicción federal)',
  lesson: '/diplomado/10-practica-integradora/01-escenario-a-arneses-lerma',
} as const;

export interface CaseFileState {
  steps: CaseSteps;
}

export function caseFileVersion(): string {
  return createHash('sha256').update(JSON.stringify({ CASE_SCENARIO, CASE_STEPS })).digest('hex').slice(0, 16);
}

export function readCaseFileState(attempt: Pick<PracticeAttemptRow, 'state'>): CaseFileState {
  const state = JSON.parse(attempt.state) as Partial<CaseFileState>;
  return { steps: state.steps ?? {} };
}

/** The next step to fill: the first not saved yet, or null when all are. */
export function nextCaseStep(state: CaseFileState): CaseStep | null {
  return CASE_STEPS.find((s) => !state.steps[s]) ?? null;
}

/** The learner's case in progress, started when there is none. */
export function startCaseFile(db: Executor, userId: number, now = new Date()): { id: number } {
  const open = db
    .select({ id: practiceAttempts.id })
    .from(practiceAttempts)
    .where(
      and(
        eq(practiceAttempts.userId, userId),
        eq(practiceAttempts.exerciseSlug, CASE_FILE_SLUG),
        eq(practiceAttempts.status, 'in_progress'),
      ),
    )
    .get();
  if (open) return open;
  const enrollment = requirePracticeSeat(db, userId);
  return (
    db
      .insert(practiceAttempts)
      .values({
        userId,
        cohortId: enrollment.cohortId,
        enrollmentId: enrollment.enrollmentId,
        kind: 'case_file',
        exerciseSlug: CASE_FILE_SLUG,
        exerciseVersion: caseFileVersion(),
        state: JSON.stringify({ steps: {} } satisfies CaseFileState),
        status: 'in_progress',
        startedAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: practiceAttempts.id })
      .get() ?? startCaseFile(db, userId, now)
  );
}

function requireOwnOpenCase(db: Executor, userId: number, attemptId: number) {
  const attempt = db
    .select({ id: practiceAttempts.id, userId: practiceAttempts.userId, status: practiceAttempts.status, state: practiceAttempts.state })
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.id, attemptId), eq(practiceAttempts.kind, 'case_file')))
    .get();
  if (!attempt || attempt.userId !== userId) throw new DomainError('practice.case.notFound', {}, 'not-found');
  if (attempt.status !== 'in_progress') throw new DomainError('practice.case.alreadySubmitted', {}, 'conflict');
  return attempt;
}

/**
 * Saves one step when it passes its rules; otherwise returns the problems and saves nothing, so
 * the page shows them beside the fields with what was typed. A step may be saved only once the
 * steps before it are.
 */
export function saveCaseStep(
  db: Executor,
  input: { userId: number; attemptId: number; step: CaseStep; raw: Record<string, unknown>; now?: Date },
): { ok: true; next: CaseStep | null } | { ok: false; issues: StepIssue[] } {
  const attempt = requireOwnOpenCase(db, input.userId, input.attemptId);
  const state = readCaseFileState(attempt);
  const index = CASE_STEPS.indexOf(input.step);
  if (CASE_STEPS.slice(0, index).some((s) => !state.steps[s])) throw new DomainError('practice.case.stepOutOfOrder', {}, 'conflict');
  const values: StepValues = pickStepValues(input.step, input.raw);
  const issues = validateCaseStep(input.step, values, state.steps);
  if (issues.length > 0) return { ok: false, issues };
  state.steps[input.step] = values;
  db.update(practiceAttempts)
    .set({ state: JSON.stringify(state), updatedAt: input.now ?? new Date() })
    .where(eq(practiceAttempts.id, attempt.id))
    .run();
  return { ok: true, next: nextCaseStep(state) };
}

/** Submits the case for review once every step passes again, in order. */
export function submitCaseFile(db: Executor, input: { userId: number; attemptId: number; now?: Date }): void {
  const attempt = requireOwnOpenCase(db, input.userId, input.attemptId);
  if (validateCaseFile(readCaseFileState(attempt).steps).length > 0) throw new DomainError('practice.case.incomplete', {}, 'invalid');
  const now = input.now ?? new Date();
  db.update(practiceAttempts)
    .set({ status: 'submitted', submittedAt: now, updatedAt: now })
    .where(eq(practiceAttempts.id, attempt.id))
    .run();
}

/**
 * An instructor of the learner's cohort (or coordination) reviews a submitted case with a comment,
 * as any practice attempt is reviewed (attempt-review.ts), with the case file's own messages.
 */
export function reviewCaseFile(db: Executor, input: { reviewerId: number; attemptId: number; comment: string; now?: Date }): void {
  reviewPracticeAttempt(
    db,
    { ...input, kind: 'case_file' },
    { notFound: 'practice.case.notFound', notSubmitted: 'practice.case.notSubmitted' },
  );
}
