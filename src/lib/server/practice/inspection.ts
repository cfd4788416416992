import { and, desc, eq, sql } from 'drizzle-orm';
import { enrollments, hoursLedger, practiceAttempts, users } from '../../../../db/schema/index.ts';
import type { InspectionScenario } from '../../content/inspection-schema.ts';
import type { Db, Executor } from '../db.ts';
import { DomainError } from '../errors.ts';
import { enrollmentForCredit, setCredit } from '../hours/ledger.ts';
import { isStaff, mayTeach, taughtBy } from '../cohorts/teaching.ts';
import type { LoadedInspection } from './inspection-content.ts';
import { isPracticePreviewer, isPreviewAttempt } from './learner-enrollment.ts';
import { type InspectionScore, PASSING_RATIO, scoreInspection } from './inspection-scoring.ts';
import {
  applyStepForm,
  emptyInspectionState,
  type InspectionState,
  type InspectionStep,
  isStep,
  nextStep,
  previousStep,
  readInspectionState,
} from './inspection-state.ts';

/**
 * Practice inspections on the server (issue 15): start or resume the one attempt in progress per
 * person and scenario, save each step, score at submission against the rubric and credit the
 * hour through the ledger. Plain functions over a Db; actions and pages call them.
 */

/** What one practice inspection is worth in the ledger: an hour of the module's practice budget. */
export const INSPECTION_MINUTES = 60;

export type AttemptRow = typeof practiceAttempts.$inferSelect;

export interface InspectionAttempt {
  id: number;
  userId: number;
  cohortId: number | null;
  slug: string;
  version: string;
  /**
   * The scenario as it was when the attempt began (a server-side snapshot kept in the stored
   * state): steps, score and feedback use it, so editing the YAML never changes an attempt already
   * under way (docs/decisions/020). Null for attempts begun before snapshots: they use the catalog.
   */
  scenario: InspectionScenario | null;
  /** A staff member's preview: no cohort, no hours (learner-enrollment.ts). */
  preview: boolean;
  status: AttemptRow['status'];
  state: InspectionState;
  score: number | null;
  maxScore: number | null;
  feedback: InspectionScore | null;
  startedAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  /** The staff comment (practice/attempt-review.ts), once reviewed. */
  reviewComment: string | null;
  reviewedAt: Date | null;
}

/** The stored state: the learner's choices and the scenario snapshot, side by side. */
function storedState(state: InspectionState, scenario: InspectionScenario | null): string {
  return JSON.stringify(scenario ? { ...state, scenario } : state);
}

function toAttempt(row: AttemptRow): InspectionAttempt {
  const { scenario = null, ...choices } = JSON.parse(row.state) as Partial<InspectionState> & { scenario?: InspectionScenario };
  return {
    id: row.id,
    userId: row.userId,
    cohortId: row.cohortId,
    slug: row.exerciseSlug,
    version: row.exerciseVersion,
    scenario,
    preview: isPreviewAttempt(row),
    status: row.status,
    state: readInspectionState(JSON.stringify(choices)),
    score: row.score,
    maxScore: row.maxScore,
    feedback: row.feedback ? (JSON.parse(row.feedback) as InspectionScore) : null,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    reviewComment: row.reviewComment,
    reviewedAt: row.reviewedAt,
  };
}

/** The ledger reference of a scenario's hour. */
export function inspectionRef(slug: string): string {
  return `inspection:${slug}`;
}

/**
 * The attempt in progress for this person and scenario, or a new one. Enrolled learners practise
 * for their cohort; staff practise as a preview (no cohort, no hours); anyone else is refused. A
 * race between two tabs ends in the same attempt, thanks to the partial unique index.
 */
export function startInspection(
  db: Db,
  input: { userId: number; programSlug: string; inspection: LoadedInspection; now?: Date },
): InspectionAttempt {
  // Staff try it as a preview: no cohort, no enrollment, so no hours and no cohort list (learner-enrollment.ts).
  const preview = isPracticePreviewer(db, input.userId);
  const enrollmentId = preview ? null : enrollmentForCredit(db, input.userId, input.programSlug);
  if (!preview && enrollmentId === null) throw new DomainError('inspection.notEnrolled', {}, 'forbidden');
  const slug = input.inspection.scenario.slug;
  const open = () =>
    db
      .select()
      .from(practiceAttempts)
      .where(
        and(eq(practiceAttempts.userId, input.userId), eq(practiceAttempts.exerciseSlug, slug), eq(practiceAttempts.status, 'in_progress')),
      )
      .get();
  const existing = open();
  if (existing) return toAttempt(existing);
  const enrollment =
    enrollmentId === null
      ? null
      : db.select({ cohortId: enrollments.cohortId }).from(enrollments).where(eq(enrollments.id, enrollmentId)).get();
  const now = input.now ?? new Date();
  try {
    const row = db
      .insert(practiceAttempts)
      .values({
        userId: input.userId,
        cohortId: enrollment?.cohortId ?? null,
        enrollmentId,
        kind: 'inspection',
        exerciseSlug: slug,
        exerciseVersion: input.inspection.version,
        state: storedState(emptyInspectionState(), input.inspection.scenario),
        status: 'in_progress',
        startedAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    return toAttempt(row);
  } catch (error) {
    const again = open();
    if (again) return toAttempt(again);
    throw error;
  }
}

/** Any attempt by id, or null. Callers check who may see it (attemptVisibleTo). */
export function getInspectionAttempt(db: Executor, attemptId: number): InspectionAttempt | null {
  const row = db
    .select()
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.id, attemptId), eq(practiceAttempts.kind, 'inspection')))
    .get();
  return row ? toAttempt(row) : null;
}

/** The learner sees their own; an instructor those of the learners they teach in that cohort; coordination all. */
export function attemptVisibleTo(db: Executor, attempt: InspectionAttempt, viewerId: number): boolean {
  return attempt.userId === viewerId || mayTeach(db, viewerId, attempt.userId, { cohortId: attempt.cohortId });
}

function ownOpenAttempt(db: Executor, userId: number, attemptId: number): InspectionAttempt {
  const attempt = getInspectionAttempt(db, attemptId);
  if (!attempt || attempt.userId !== userId) throw new DomainError('inspection.notFound', {}, 'not-found');
  if (attempt.status !== 'in_progress') throw new DomainError('inspection.alreadySubmitted', {}, 'conflict');
  return attempt;
}

/**
 * Saves one step's form and moves to the step asked for (`go`: next, back or stay). Returns the
 * step to show. Only the attempt's owner, only while in progress.
 */
export function saveInspectionStep(
  db: Db,
  input: {
    userId: number;
    attemptId: number;
    scenario: InspectionScenario;
    step: string;
    go: 'next' | 'back' | 'stay';
    form: FormData;
    now?: Date;
  },
): InspectionStep {
  if (!isStep(input.step)) throw new DomainError('inspection.invalidForm', {}, 'invalid');
  const step = input.step;
  return db.transaction(
    (tx) => {
      const attempt = ownOpenAttempt(tx, input.userId, input.attemptId);
      if (attempt.slug !== input.scenario.slug) throw new DomainError('inspection.notFound', {}, 'not-found');
      const scenario = attempt.scenario ?? input.scenario;
      // Going back never loses work, but an invalid form going back is not saved.
      let state = attempt.state;
      try {
        state = applyStepForm(scenario, attempt.state, step, input.form);
      } catch (error) {
        if (input.go !== 'back') throw error;
      }
      const target = input.go === 'next' ? nextStep(step) : input.go === 'back' ? previousStep(step) : step;
      state.step = target;
      tx.update(practiceAttempts)
        .set({ state: storedState(state, attempt.scenario), updatedAt: input.now ?? new Date() })
        .where(eq(practiceAttempts.id, attempt.id))
        .run();
      return target;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Scores the attempt against the rubric, stores score, maxScore and the feedback, and, at 60 % or
 * more, credits the scenario's hour from the module's practice budget. The credit goes to the
 * reference `inspection:<slug>`: a second passing attempt changes nothing (setCredit is
 * idempotent), and a lower later score never takes the hour back. `credited` is the minutes this
 * submission added (0 when the hour was already there, or below the pass mark).
 */
export function submitInspection(
  db: Db,
  input: { userId: number; attemptId: number; inspection: LoadedInspection; programSlug: string; now?: Date },
): { attempt: InspectionAttempt; credited: number } {
  return db.transaction(
    (tx) => {
      const attempt = ownOpenAttempt(tx, input.userId, input.attemptId);
      if (attempt.slug !== input.inspection.scenario.slug) throw new DomainError('inspection.notFound', {}, 'not-found');
      // Scored against the scenario the attempt began with, whatever the YAML says today.
      const scenario = attempt.scenario ?? input.inspection.scenario;
      if (!attempt.state.type) throw new DomainError('inspection.chooseType', {}, 'invalid');
      const result = scoreInspection(scenario, attempt.state);
      const now = input.now ?? new Date();
      const row = tx
        .update(practiceAttempts)
        .set({
          status: 'submitted',
          state: storedState({ ...attempt.state, step: 'enviar' }, attempt.scenario),
          score: result.score,
          maxScore: result.maxScore,
          feedback: JSON.stringify(result),
          updatedAt: now,
          submittedAt: now,
        })
        .where(eq(practiceAttempts.id, attempt.id))
        .returning()
        .get();
      let credited = 0;
      // A staff preview never credits hours, even to a staff member who is also enrolled somewhere.
      const enrollmentId = attempt.preview ? null : enrollmentForCredit(tx, input.userId, input.programSlug, attempt.cohortId);
      if (result.ratio >= PASSING_RATIO && enrollmentId !== null) {
        const ref = inspectionRef(scenario.slug);
        const before =
          tx
            .select({ minutes: sql<number>`coalesce(sum(${hoursLedger.minutes}), 0)` })
            .from(hoursLedger)
            .where(and(eq(hoursLedger.userId, input.userId), eq(hoursLedger.ref, ref)))
            .get()?.minutes ?? 0;
        const after = setCredit(tx, {
          userId: input.userId,
          programSlug: input.programSlug,
          moduleSlug: scenario.module,
          source: 'practice',
          budget: 'practice',
          ref,
          refMinutes: INSPECTION_MINUTES,
          targetMinutes: INSPECTION_MINUTES,
          enrollmentId,
          recordedBy: null,
          reason: null,
          at: now,
        });
        credited = after - before;
      }
      return { attempt: toAttempt(row), credited };
    },
    { behavior: 'immediate' },
  );
}

/** A learner's attempts at practice inspections, newest first. */
export function listOwnInspectionAttempts(db: Executor, userId: number): InspectionAttempt[] {
  return db
    .select()
    .from(practiceAttempts)
    .where(and(eq(practiceAttempts.userId, userId), eq(practiceAttempts.kind, 'inspection')))
    .orderBy(desc(practiceAttempts.startedAt), desc(practiceAttempts.id))
    .all()
    .map(toAttempt);
}

/**
 * A cohort's attempts with each learner's name, for the cohort's instructors and coordination:
 * an instructor sees only learners they teach in this cohort (teaching.ts), coordination all.
 */
export function listCohortInspectionAttempts(
  db: Executor,
  viewerId: number,
  cohortId: number,
): (InspectionAttempt & { learnerName: string; learnerEmail: string })[] {
  const staff = isStaff(db, viewerId);
  return db
    .select({ attempt: practiceAttempts, name: users.fullName, email: users.email })
    .from(practiceAttempts)
    .innerJoin(users, eq(users.id, practiceAttempts.userId))
    .where(
      and(
        eq(practiceAttempts.cohortId, cohortId),
        eq(practiceAttempts.kind, 'inspection'),
        staff ? undefined : taughtBy(db, viewerId, practiceAttempts.userId, practiceAttempts.cohortId),
      ),
    )
    .orderBy(users.sortKey, practiceAttempts.exerciseSlug, desc(practiceAttempts.startedAt))
    .all()
    .map((r) => ({ ...toAttempt(r.attempt), learnerName: r.name, learnerEmail: r.email }));
}

/** Per scenario: the attempt in progress, the best submitted score and whether its hour was earned. */
export function inspectionSummaries(attempts: InspectionAttempt[], slugs: string[]) {
  return new Map(
    slugs.map((slug) => {
      const mine = attempts.filter((a) => a.slug === slug);
      const open = mine.find((a) => a.status === 'in_progress') ?? null;
      const submitted = mine.filter((a) => a.status !== 'in_progress');
      const best = submitted.reduce<InspectionAttempt | null>(
        (b, a) => (!b || (a.score ?? 0) / (a.maxScore || 1) > (b.score ?? 0) / (b.maxScore || 1) ? a : b),
        null,
      );
      const passed = submitted.some((a) => a.maxScore && (a.score ?? 0) / a.maxScore >= PASSING_RATIO);
      return [slug, { open, best, submitted, passed }] as const;
    }),
  );
}
