import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { quizRegrades, quizVersions } from '../../../../db/schema/index.ts';
import { type Question, quizSchema } from '../../content/quiz-schema.ts';
import type { Executor } from '../db.ts';
import { questionsById } from './regrade-plan.ts';

/**
 * What the learner's review says of a regraded attempt (issue 16): "Recalificado el … (antes X,
 * ahora Y)" on the attempt and on each question whose points moved, and the corrected question
 * for those, so the key shown is the one the grade now rests on. Read from quiz_regrades, which
 * is append-only; a key corrected twice shows the first grade before and the last after.
 */
export function getAttemptRegrade(db: Executor, attemptId: number): AttemptRegrade | null {
  const rows = db
    .select()
    .from(quizRegrades)
    .where(eq(quizRegrades.attemptId, attemptId))
    .orderBy(asc(quizRegrades.regradedAt), asc(quizRegrades.id))
    .all();
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return null;
  const versions = new Map(
    db
      .select({ hash: quizVersions.hash, definition: quizVersions.definition })
      .from(quizVersions)
      .where(inArray(quizVersions.hash, [...new Set(rows.map((r) => r.quizVersion))]))
      .all()
      .map((v) => [v.hash, questionsById(quizSchema.parse(JSON.parse(v.definition)))]),
  );
  const questions = new Map<string, RegradedQuestion>();
  for (const row of rows) {
    for (const q of JSON.parse(row.questions) as StoredQuestion[]) {
      const earlier = questions.get(q.question);
      const question = versions.get(row.quizVersion)?.get(q.question);
      if (!question) continue;
      questions.set(q.question, {
        // The date its points last moved: a later regrade that moved nothing does not change it.
        at: q.before !== q.after || !earlier ? row.regradedAt : earlier.at,
        before: earlier ? earlier.before : q.before,
        after: q.after,
        pointsBefore: earlier ? earlier.pointsBefore : q.pointsBefore,
        pointsAfter: q.pointsAfter,
        question,
      });
    }
  }
  const moved = rows.filter((r) => r.scoreBefore !== r.scoreAfter || r.maxScoreBefore !== r.maxScoreAfter).at(-1);
  return {
    at: (moved ?? last).regradedAt,
    scoreBefore: first.scoreBefore,
    scoreAfter: last.scoreAfter,
    maxScoreBefore: first.maxScoreBefore,
    maxScoreAfter: last.maxScoreAfter,
    changed: first.scoreBefore !== last.scoreAfter || first.maxScoreBefore !== last.maxScoreAfter,
    questions,
  };
}

/** Of these attempts, the ones a regrade moved the grade of: the learner's list of attempts marks them. */
export function listRegradedAttemptIds(db: Executor, attemptIds: readonly number[]): Set<number> {
  if (attemptIds.length === 0) return new Set();
  const rows = db
    .selectDistinct({ attemptId: quizRegrades.attemptId })
    .from(quizRegrades)
    .where(
      and(
        inArray(quizRegrades.attemptId, [...attemptIds]),
        or(
          sql`${quizRegrades.scoreBefore} is not ${quizRegrades.scoreAfter}`,
          sql`${quizRegrades.maxScoreBefore} <> ${quizRegrades.maxScoreAfter}`,
        ),
      ),
    )
    .all();
  return new Set(rows.map((r) => r.attemptId));
}

interface StoredQuestion {
  question: string;
  before: number | null;
  after: number | null;
  pointsBefore: number;
  pointsAfter: number;
}

export interface RegradedQuestion {
  /** The last regrade that moved this question's points (else its first regrade). */
  at: Date;
  before: number | null;
  after: number | null;
  pointsBefore: number;
  pointsAfter: number;
  /** The corrected definition the grade now rests on. */
  question: Question;
}

export interface AttemptRegrade {
  /** The last regrade that moved the attempt's grade (else the last regrade). */
  at: Date;
  scoreBefore: number | null;
  scoreAfter: number | null;
  maxScoreBefore: number;
  maxScoreAfter: number;
  /** Whether the attempt's grade moved at all (a reworded question regrades without moving it). */
  changed: boolean;
  /** By question id; `before`/`after` may be equal when only the attempt's other questions moved. */
  questions: Map<string, RegradedQuestion>;
}
