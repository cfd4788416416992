import { and, asc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { quizAttempts, quizOverrides, quizResponses, quizVersions } from '../../../../db/schema/index.ts';
import { type Question, type Quiz, quizSchema } from '../../content/quiz-schema.ts';
import { reconcileQuizCredit } from '../hours/credits.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db, Executor } from '../db.ts';
import { preparedOnce } from '../prepared.ts';
import { requireTeacherOf } from '../cohorts/teaching.ts';
import { DomainError } from '../errors.ts';
import { formatDateTime } from '../../format.ts';
import { type QuizWindow, windowState } from './availability.ts';
import { type AttemptLayout, drawAttempt, quizVersionHash, type Random } from './draw.ts';
import { attemptTotal, gradeEssay, gradeResponse, type Response } from './grading.ts';
import { moduleGrade } from './module-grade.ts';
import { fromPublicResponse, type PublicResponse } from './public-view.ts';

/** Answers that arrive this long after the deadline still count: the network is slow in the field. */
export const SUBMIT_GRACE_MS = 30_000;

export interface QuizRef {
  userId: number;
  programSlug: string;
  moduleSlug: string;
}

export interface AttemptRecord {
  id: number;
  userId: number;
  /** The cohort the attempt counts for; its instructors are the ones who may grade it. */
  cohortId: number | null;
  moduleSlug: string;
  number: number;
  quiz: Quiz;
  quizVersion: string;
  layout: AttemptLayout;
  startedAt: Date;
  deadlineAt: Date | null;
  submittedAt: Date | null;
  closedBy: 'learner' | 'deadline' | null;
  score: number | null;
  maxScore: number;
  responses: Map<
    string,
    { response: Response | null; score: number | null; fraction: number | null; comment: string | null; rubricLevels: number[] | null }
  >;
}

function allowance(db: Executor, ref: QuizRef): { extraAttempts: number; extraMinutes: number } {
  const row = db
    .select({
      attempts: sql<number>`coalesce(sum(${quizOverrides.extraAttempts}), 0)`,
      minutes: sql<number>`coalesce(sum(${quizOverrides.extraMinutes}), 0)`,
    })
    .from(quizOverrides)
    .where(and(eq(quizOverrides.userId, ref.userId), eq(quizOverrides.moduleSlug, ref.moduleSlug)))
    .get();
  return { extraAttempts: row?.attempts ?? 0, extraMinutes: row?.minutes ?? 0 };
}

function isExpired(attempt: { deadlineAt: Date | null }, now: Date): boolean {
  return attempt.deadlineAt !== null && now.getTime() > attempt.deadlineAt.getTime() + SUBMIT_GRACE_MS;
}

/**
 * Starts an attempt, or resumes the one in progress (a reload or another device gets the same
 * questions). Refused when no attempt is left. The drawn questions, their order and the quiz
 * version are fixed now, on the server clock.
 */
export function startAttempt(
  db: Db,
  input: QuizRef & { quiz: Quiz; cohortId: number | null; window?: QuizWindow; now?: Date; random?: Random },
): { attemptId: number; resumed: boolean } {
  const now = input.now ?? new Date();
  const window = input.window ?? { opensAt: null, closesAt: null };
  return db.transaction((tx) => {
    closeExpiredAttempts(tx, { userId: input.userId, moduleSlug: input.moduleSlug }, now);
    const open = tx
      .select({ id: quizAttempts.id })
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, input.userId), eq(quizAttempts.moduleSlug, input.moduleSlug), isNull(quizAttempts.submittedAt)))
      .get();
    if (open) return { attemptId: open.id, resumed: true };
    const state = windowState(window, now);
    if (state === 'not-open') throw new DomainError('quiz.notOpen', { date: formatDateTime(window.opensAt as Date) }, 'conflict');
    if (state === 'closed') throw new DomainError('quiz.closed', { date: formatDateTime(window.closesAt as Date) }, 'conflict');
    const used =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.userId, input.userId), eq(quizAttempts.moduleSlug, input.moduleSlug)))
        .get()?.n ?? 0;
    const extra = allowance(tx, input);
    const allowed = input.quiz.attempts + extra.extraAttempts;
    if (used >= allowed) throw new DomainError(allowed === 1 ? 'quiz.noAttemptsLeft.one' : 'quiz.noAttemptsLeft', { allowed }, 'conflict');
    const hash = quizVersionHash(input.quiz);
    tx.insert(quizVersions)
      .values({ hash, moduleSlug: input.moduleSlug, definition: JSON.stringify(input.quiz), createdAt: now })
      .onConflictDoNothing()
      .run();
    const layout = drawAttempt(input.quiz, input.random);
    const questions = new Map(input.quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
    const maxScore = layout.questions.reduce((sum, slot) => sum + (questions.get(slot.id)?.points ?? 0), 0);
    const minutes = input.quiz.timeLimitMinutes === undefined ? null : input.quiz.timeLimitMinutes + extra.extraMinutes;
    const row = tx
      .insert(quizAttempts)
      .values({
        userId: input.userId,
        cohortId: input.cohortId,
        programSlug: input.programSlug,
        moduleSlug: input.moduleSlug,
        number: used + 1,
        quizVersion: hash,
        layout: JSON.stringify(layout),
        startedAt: now,
        // The time limit, but never past the cohort's closing of the quiz.
        deadlineAt: earliest(minutes === null ? null : new Date(now.getTime() + minutes * 60_000), window.closesAt),
        maxScore,
      })
      .returning({ id: quizAttempts.id })
      .get();
    return { attemptId: row.id, resumed: false };
  });
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

/** An attempt with the quiz version it was taken on; null when it does not exist. */
export function getAttempt(db: Executor, attemptId: number): AttemptRecord | null {
  const row = db
    .select({ attempt: quizAttempts, definition: quizVersions.definition })
    .from(quizAttempts)
    .innerJoin(quizVersions, eq(quizVersions.hash, quizAttempts.quizVersion))
    .where(eq(quizAttempts.id, attemptId))
    .get();
  if (!row) return null;
  const responses = db.select().from(quizResponses).where(eq(quizResponses.attemptId, attemptId)).all();
  const a = row.attempt;
  return {
    id: a.id,
    userId: a.userId,
    cohortId: a.cohortId,
    moduleSlug: a.moduleSlug,
    number: a.number,
    quiz: quizSchema.parse(JSON.parse(row.definition)),
    quizVersion: a.quizVersion,
    layout: JSON.parse(a.layout) as AttemptLayout,
    startedAt: a.startedAt,
    deadlineAt: a.deadlineAt,
    submittedAt: a.submittedAt,
    closedBy: a.closedBy,
    score: a.score,
    maxScore: a.maxScore,
    responses: new Map(
      responses.map((r) => [
        r.questionId,
        {
          response: r.response ? (JSON.parse(r.response) as Response) : null,
          score: r.score,
          fraction: r.fraction,
          comment: r.comment,
          rubricLevels: r.rubricLevels ? (JSON.parse(r.rubricLevels) as number[]) : null,
        },
      ]),
    ),
  };
}

function requireOwnOpenAttempt(db: Executor, attemptId: number, userId: number): AttemptRecord {
  const attempt = getAttempt(db, attemptId);
  if (!attempt || attempt.userId !== userId) throw new DomainError('quiz.notFound', {}, 'not-found');
  if (attempt.submittedAt) throw new DomainError('quiz.alreadySubmitted', {}, 'conflict');
  return attempt;
}

/**
 * Autosave: stores the answers given so far. Once the time is up (plus the grace), the attempt is
 * closed at its deadline with what was saved before, and the late answers are refused.
 */
export function saveResponses(
  db: Db,
  input: { attemptId: number; userId: number; answers: Record<string, PublicResponse>; now?: Date },
): { savedAt: Date } {
  const now = input.now ?? new Date();
  const saved = db.transaction((tx) => {
    const attempt = requireOwnOpenAttempt(tx, input.attemptId, input.userId);
    if (isExpired(attempt, now)) {
      closeAttempt(tx, attempt, 'deadline', attempt.deadlineAt as Date);
      return false;
    }
    const questions = new Map(attempt.quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
    for (const slot of attempt.layout.questions) {
      const question = questions.get(slot.id);
      if (!question || question.type === 'description' || !(slot.id in input.answers)) continue;
      const response = fromPublicResponse(question, slot, input.answers[slot.id] ?? null);
      const json = response ? JSON.stringify(response) : null;
      tx.insert(quizResponses)
        .values({ attemptId: attempt.id, questionId: slot.id, response: json, savedAt: now })
        .onConflictDoUpdate({ target: [quizResponses.attemptId, quizResponses.questionId], set: { response: json, savedAt: now } })
        .run();
    }
    return true;
  });
  // Thrown after the transaction, so closing the expired attempt is kept.
  if (!saved) throw new DomainError('quiz.timeUp', {}, 'conflict');
  return { savedAt: now };
}

/**
 * Sends an attempt for grading. Sending twice is refused; sending after the time limit is
 * refused too, but the attempt is then closed at its deadline with what was saved, so nothing is lost.
 */
export function submitAttempt(
  db: Db,
  input: { attemptId: number; userId: number; now?: Date },
): { score: number | null; maxScore: number } {
  const now = input.now ?? new Date();
  const outcome = db.transaction((tx) => {
    const attempt = requireOwnOpenAttempt(tx, input.attemptId, input.userId);
    if (isExpired(attempt, now)) {
      closeAttempt(tx, attempt, 'deadline', attempt.deadlineAt as Date);
      return null;
    }
    return closeAttempt(tx, attempt, 'learner', now);
  });
  if (!outcome) throw new DomainError('quiz.timeUp', {}, 'conflict');
  return outcome;
}

/** Grades what was saved and closes the attempt; essays stay pending for an instructor. */
function closeAttempt(
  tx: Executor,
  attempt: AttemptRecord,
  closedBy: 'learner' | 'deadline',
  at: Date,
): { score: number | null; maxScore: number } {
  const questions = new Map(attempt.quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const scores: number[] = [];
  let pending = false;
  for (const slot of attempt.layout.questions) {
    const question = questions.get(slot.id);
    // A description takes no answer and is not graded: it leaves no response row.
    if (!question || question.type === 'description') continue;
    const saved = attempt.responses.get(slot.id);
    const grade = gradeResponse(question, saved?.response ?? null);
    if (grade.score === null) pending = true;
    else scores.push(grade.score);
    tx.insert(quizResponses)
      .values({
        attemptId: attempt.id,
        questionId: slot.id,
        response: saved?.response ? JSON.stringify(saved.response) : null,
        savedAt: at,
        score: grade.score,
        fraction: grade.fraction,
      })
      .onConflictDoUpdate({
        target: [quizResponses.attemptId, quizResponses.questionId],
        set: { score: grade.score, fraction: grade.fraction },
      })
      .run();
  }
  const score = pending ? null : attemptTotal(scores);
  tx.update(quizAttempts)
    .set({ submittedAt: at, closedBy, score, gradedAt: pending ? null : at })
    .where(eq(quizAttempts.id, attempt.id))
    .run();
  if (!pending) reconcileQuizCredit(tx, { userId: attempt.userId, moduleSlug: attempt.moduleSlug, at });
  return { score, maxScore: attempt.maxScore };
}

/** Which open attempts to look at: one learner's, one quiz's, one cohort's, or (empty) all. */
export interface AttemptScope {
  userId?: number;
  moduleSlug?: string;
  cohortId?: number;
}

/**
 * Closes, at their deadline and graded with what was saved, the open attempts in scope whose time
 * ran out. Nothing runs at the deadline itself: whoever reads attempts next (the learner coming
 * back, the gradebook, the grading queue, the item analysis) closes them first, so every page
 * reads the same state from the database. Returns how many it closed.
 */
export function closeExpiredAttempts(db: Executor, scope: AttemptScope = {}, now = new Date()): number {
  const expired = db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(
      and(
        isNull(quizAttempts.submittedAt),
        lt(quizAttempts.deadlineAt, new Date(now.getTime() - SUBMIT_GRACE_MS)),
        scope.userId === undefined ? undefined : eq(quizAttempts.userId, scope.userId),
        scope.moduleSlug === undefined ? undefined : eq(quizAttempts.moduleSlug, scope.moduleSlug),
        scope.cohortId === undefined ? undefined : eq(quizAttempts.cohortId, scope.cohortId),
      ),
    )
    .all();
  if (expired.length === 0) return 0;
  return db.transaction((tx) => {
    let closed = 0;
    for (const { id } of expired) {
      // Read again inside the transaction: the learner may have sent it a moment ago.
      const attempt = getAttempt(tx, id);
      if (attempt && !attempt.submittedAt && isExpired(attempt, now)) {
        closeAttempt(tx, attempt, 'deadline', attempt.deadlineAt as Date);
        closed++;
      }
    }
    return closed;
  });
}

export interface QuizStanding {
  attemptsUsed: number;
  attemptsAllowed: number;
  /** The module grade by the quiz's method (highest, last, average), as a share 0..1; null if none graded. */
  grade: number | null;
  passed: boolean;
  pendingGrading: number;
}

/** A learner's grade in a module's quiz, from graded attempts, by the quiz's grading method. */
export function getQuizStanding(db: Db, ref: QuizRef & { quiz: Quiz }): QuizStanding {
  const attempts = db
    .select({ score: quizAttempts.score, maxScore: quizAttempts.maxScore, submittedAt: quizAttempts.submittedAt })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, ref.userId), eq(quizAttempts.moduleSlug, ref.moduleSlug)))
    .orderBy(asc(quizAttempts.number))
    .all();
  const { grade, passed } = moduleGrade(ref.quiz, attempts);
  return {
    attemptsUsed: attempts.length,
    attemptsAllowed: ref.quiz.attempts + allowance(db, ref).extraAttempts,
    grade,
    passed,
    pendingGrading: attempts.filter((a) => a.submittedAt && a.score === null).length,
  };
}

/** An instructor grades an essay against its rubric; the attempt's score is set once nothing is pending. */
export function gradeEssayResponse(
  db: Db,
  input: { attemptId: number; questionId: string; levels: readonly (number | undefined)[]; comment: string; actorId: number; now?: Date },
): { attemptScore: number | null } {
  const now = input.now ?? new Date();
  return db.transaction((tx) => {
    const attempt = getAttempt(tx, input.attemptId);
    if (!attempt?.submittedAt) throw new DomainError('quiz.notFound', {}, 'not-found');
    // Checked in the same transaction as the write: a withdrawal a moment earlier already counts.
    requireTeacherOf(tx, input.actorId, attempt.userId, { cohortId: attempt.cohortId });
    const question = attempt.quiz.pools.flatMap((p) => p.questions).find((q) => q.id === input.questionId);
    if (question?.type !== 'essay') throw new DomainError('quiz.notFound', {}, 'not-found');
    const grade = gradeEssay(question, requireRubricLevels(question, input.levels));
    tx.update(quizResponses)
      .set({
        score: grade.score,
        fraction: grade.fraction,
        rubricLevels: JSON.stringify(input.levels),
        comment: input.comment.trim() || null,
        gradedBy: input.actorId,
        gradedAt: now,
      })
      .where(and(eq(quizResponses.attemptId, attempt.id), eq(quizResponses.questionId, question.id)))
      .run();
    const rows = tx.select({ score: quizResponses.score }).from(quizResponses).where(eq(quizResponses.attemptId, attempt.id)).all();
    const pending = rows.some((r) => r.score === null);
    const attemptScore = pending ? null : attemptTotal(rows.map((r) => r.score ?? 0));
    tx.update(quizAttempts)
      .set({ score: attemptScore, gradedAt: pending ? null : now })
      .where(eq(quizAttempts.id, attempt.id))
      .run();
    reconcileQuizCredit(tx, { userId: attempt.userId, moduleSlug: attempt.moduleSlug, actorId: input.actorId, at: now });
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'quiz.essayGraded',
      subjectUserId: attempt.userId,
      details: { module: attempt.moduleSlug, attempt: attempt.number, question: question.id, score: grade.score },
      at: now,
    });
    return { attemptScore };
  });
}

/**
 * The level chosen for every criterion of the rubric, each one that exists: a criterion left out
 * is refused rather than graded as its lowest level.
 */
function requireRubricLevels(question: Extract<Question, { type: 'essay' }>, levels: readonly (number | undefined)[]): number[] {
  if (levels.length > question.rubric.length) throw new DomainError('essays.level.extra', {}, 'invalid');
  return question.rubric.map((c, i) => {
    const level = levels[i];
    if (level === undefined) throw new DomainError('essays.level.missing', { criterion: c.criterion }, 'invalid');
    if (!Number.isInteger(level) || level < 0 || level >= c.levels.length) {
      throw new DomainError('essays.level.unknown', { criterion: c.criterion }, 'invalid');
    }
    return level;
  });
}

/** One more attempt or more minutes for one learner, with the reason (audited). */
export function grantQuizOverride(
  db: Db,
  input: { userId: number; moduleSlug: string; extraAttempts: number; extraMinutes: number; reason: string; actorId: number; now?: Date },
): { overrideId: number } {
  const now = input.now ?? new Date();
  if (input.extraAttempts < 0 || input.extraMinutes < 0 || input.extraAttempts + input.extraMinutes === 0)
    throw new DomainError('quiz.overrideEmpty', {}, 'invalid');
  return db.transaction((tx) => {
    requireTeacherOf(tx, input.actorId, input.userId);
    const { id } = tx
      .insert(quizOverrides)
      .values({ ...input, createdAt: now })
      .returning({ id: quizOverrides.id })
      .get();
    appendAuditEntry(tx, {
      actorId: input.actorId,
      action: 'quiz.override',
      subjectUserId: input.userId,
      reason: input.reason,
      details: { module: input.moduleSlug, extraAttempts: input.extraAttempts, extraMinutes: input.extraMinutes },
      at: now,
    });
    return { overrideId: id };
  });
}

export interface AttemptSummary {
  id: number;
  number: number;
  startedAt: Date;
  submittedAt: Date | null;
  closedBy: 'learner' | 'deadline' | null;
  score: number | null;
  maxScore: number;
}

/** A learner's attempts at one quiz, in order. */
export function listAttempts(db: Db, ref: Pick<QuizRef, 'userId' | 'moduleSlug'>): AttemptSummary[] {
  return db
    .select({
      id: quizAttempts.id,
      number: quizAttempts.number,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      closedBy: quizAttempts.closedBy,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, ref.userId), eq(quizAttempts.moduleSlug, ref.moduleSlug)))
    .orderBy(asc(quizAttempts.number))
    .all();
}

/**
 * Which module quizzes a learner has passed, by the quiz's own grading method, in one query:
 * module slug → passed. Every course page asks, so it must stay cheap.
 */
export function getQuizPasses(db: Db, userId: number, quizzes: { moduleSlug: string; quiz: Quiz }[]): Map<string, boolean> {
  const attempts = passQuery(db).all({ userId });
  return new Map(
    quizzes.map(({ moduleSlug, quiz }) => [
      moduleSlug,
      moduleGrade(
        quiz,
        attempts.filter((a) => a.moduleSlug === moduleSlug),
      ).passed,
    ]),
  );
}
const passQuery = preparedOnce((db) =>
  db
    .select({ moduleSlug: quizAttempts.moduleSlug, score: quizAttempts.score, maxScore: quizAttempts.maxScore })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, sql.placeholder('userId')), isNotNull(quizAttempts.score)))
    .orderBy(asc(quizAttempts.number))
    .prepare(),
);
