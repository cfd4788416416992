import { asc, eq, inArray, sql } from 'drizzle-orm';
import { quizAttempts, quizOverrides, quizResponses, quizVersions } from '../../../../db/schema/index.ts';
import { type Question, type Quiz, quizSchema } from '../../content/quiz-schema.ts';
import type { Db } from '../db.ts';
import { closeExpiredAttempts } from './attempts.ts';
import { moduleGrade } from './module-grade.ts';
import { questionPlainText } from './question-text.ts';
import { attemptResult, reviewPermissions } from './review.ts';

/**
 * "Mis calificaciones": every module quiz of the program for one learner, with each attempt, its
 * grade and state, the module grade by the quiz's method, and the instructors' feedback on open
 * answers. Takes the learner's own id only: the page passes the signed-in account's, so nobody
 * reads someone else's grades through it. Scores follow the quiz's review policy, as on the
 * attempt's own page. Attempts whose time ran out are closed first, as the staff's pages do.
 */
export function getLearnerGrades(db: Db, userId: number, quizzes: readonly ProgramQuiz[], now = new Date()): LearnerQuizGrades[] {
  closeExpiredAttempts(db, { userId }, now);
  const attempts = db
    .select({
      id: quizAttempts.id,
      moduleSlug: quizAttempts.moduleSlug,
      number: quizAttempts.number,
      quizVersion: quizAttempts.quizVersion,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      closedBy: quizAttempts.closedBy,
      score: quizAttempts.score,
      maxScore: quizAttempts.maxScore,
    })
    .from(quizAttempts)
    .where(eq(quizAttempts.userId, userId))
    .orderBy(asc(quizAttempts.moduleSlug), asc(quizAttempts.number))
    .all();
  const extra = new Map(
    db
      .select({ moduleSlug: quizOverrides.moduleSlug, attempts: sql<number>`coalesce(sum(${quizOverrides.extraAttempts}), 0)` })
      .from(quizOverrides)
      .where(eq(quizOverrides.userId, userId))
      .groupBy(quizOverrides.moduleSlug)
      .all()
      .map((r) => [r.moduleSlug, r.attempts]),
  );
  const feedback = feedbackByAttempt(
    db,
    attempts.filter((a) => a.submittedAt),
  );

  return quizzes.map(({ moduleSlug, moduleNumber, moduleTitle, quiz }) => {
    const mine = attempts.filter((a) => a.moduleSlug === moduleSlug);
    const standing = { attemptsUsed: mine.length, attemptsAllowed: quiz.attempts + (extra.get(moduleSlug) ?? 0) };
    // The score shows as the quiz's policy says (the cohort's closing date is not known here, so
    // "after-close" waits for the last attempt: this page never shows more than the attempt's page).
    const scoreVisible = reviewPermissions(quiz, { submittedAt: new Date(0) }, standing).score;
    const { grade, passed } = moduleGrade(quiz, mine);
    const pendingGrading = mine.filter((a) => a.submittedAt && a.score === null).length;
    const inProgress = mine.some((a) => !a.submittedAt);
    return {
      moduleSlug,
      moduleNumber,
      moduleTitle,
      quizTitle: quiz.title,
      passingPercent: Math.round(quiz.passingScore * 1000) / 10,
      ...standing,
      scoreVisible,
      grade: scoreVisible ? grade : null,
      passed: scoreVisible && passed,
      pendingGrading,
      state:
        mine.length === 0
          ? 'not-started'
          : !scoreVisible
            ? 'hidden'
            : passed
              ? 'passed'
              : inProgress
                ? 'in-progress'
                : pendingGrading > 0 && grade === null
                  ? 'pending'
                  : 'not-passed',
      attempts: mine.map((a) => {
        const result = scoreVisible ? attemptResult(quiz, a) : null;
        return {
          id: a.id,
          number: a.number,
          startedAt: a.startedAt,
          submittedAt: a.submittedAt,
          closedBy: a.closedBy,
          score: scoreVisible ? a.score : null,
          maxScore: a.maxScore,
          percent: result?.percent ?? null,
          passed: result?.passed ?? null,
          state: !a.submittedAt ? 'in-progress' : a.score === null ? 'pending' : scoreVisible ? 'graded' : 'hidden',
          feedback: scoreVisible ? (feedback.get(a.id) ?? []) : [],
        };
      }),
    };
  });
}

/** Open answers of submitted attempts (graded or waiting) and every instructor comment, by attempt. */
function feedbackByAttempt(db: Db, attempts: { id: number; quizVersion: string }[]): Map<number, AttemptFeedback[]> {
  const byAttempt = new Map<number, AttemptFeedback[]>();
  if (attempts.length === 0) return byAttempt;
  const versions = new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(inArray(quizVersions.hash, [...new Set(attempts.map((a) => a.quizVersion))]))
      .all()
      .map((v) => {
        const quiz: Quiz = quizSchema.parse(JSON.parse(v.definition));
        return [v.hash, new Map(quiz.pools.flatMap((p) => p.questions).map((q): [string, Question] => [q.id, q]))];
      }),
  );
  const versionOf = new Map(attempts.map((a) => [a.id, a.quizVersion]));
  const responses = db
    .select({
      attemptId: quizResponses.attemptId,
      questionId: quizResponses.questionId,
      score: quizResponses.score,
      comment: quizResponses.comment,
    })
    .from(quizResponses)
    .where(
      inArray(
        quizResponses.attemptId,
        attempts.map((a) => a.id),
      ),
    )
    .all();
  for (const r of responses) {
    const question = versions.get(versionOf.get(r.attemptId) ?? '')?.get(r.questionId);
    if (!question || (question.type !== 'essay' && !r.comment)) continue;
    const list = byAttempt.get(r.attemptId) ?? [];
    // Shown as text beside the comment: a Markdown or HTML prompt loses its markup.
    list.push({ prompt: questionPlainText(question.prompt, question.format), points: question.points, score: r.score, comment: r.comment });
    byAttempt.set(r.attemptId, list);
  }
  return byAttempt;
}

export interface ProgramQuiz {
  moduleSlug: string;
  moduleNumber: number;
  moduleTitle: string;
  quiz: Quiz;
}

export interface AttemptFeedback {
  /** The open question (or any question an instructor commented on). */
  prompt: string;
  points: number;
  /** Null while an instructor has not graded it. */
  score: number | null;
  comment: string | null;
}

export interface LearnerQuizGrades {
  moduleSlug: string;
  moduleNumber: number;
  moduleTitle: string;
  quizTitle: string;
  passingPercent: number;
  attemptsUsed: number;
  attemptsAllowed: number;
  /** Whether the quiz's review policy lets the learner see scores yet. */
  scoreVisible: boolean;
  /** The module grade by the quiz's method, 0..1; null when none is graded or it is not shown. */
  grade: number | null;
  passed: boolean;
  /** Submitted attempts waiting for an instructor. */
  pendingGrading: number;
  state: 'not-started' | 'in-progress' | 'pending' | 'passed' | 'not-passed' | 'hidden';
  attempts: {
    id: number;
    number: number;
    startedAt: Date;
    submittedAt: Date | null;
    closedBy: 'learner' | 'deadline' | null;
    score: number | null;
    maxScore: number;
    percent: number | null;
    passed: boolean | null;
    state: 'in-progress' | 'pending' | 'graded' | 'hidden';
    feedback: AttemptFeedback[];
  }[];
}
