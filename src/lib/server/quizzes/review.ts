import type { Question, Quiz } from '../../content/quiz-schema.ts';
import type { AttemptRecord } from './attempts.ts';
import type { QuizStanding } from './attempts.ts';

export interface ReviewPermissions {
  score: boolean;
  answers: boolean;
  feedback: boolean;
}

/**
 * What a learner may see of a closed attempt under the quiz's review policy. "after-close" means
 * once the quiz has closed for the cohort or the learner can take no more attempts, so answers
 * never help a later attempt.
 */
export function reviewPermissions(
  quiz: Quiz,
  attempt: Pick<AttemptRecord, 'submittedAt'>,
  standing: Pick<QuizStanding, 'attemptsUsed' | 'attemptsAllowed'>,
  closesAt: Date | null = null,
  now = new Date(),
): ReviewPermissions {
  const closedForLearner = standing.attemptsUsed >= standing.attemptsAllowed || (closesAt !== null && now >= closesAt);
  const allowed = (when: 'after-submit' | 'after-close' | 'never') =>
    Boolean(attempt.submittedAt) && (when === 'after-submit' || (when === 'after-close' && closedForLearner));
  return { score: allowed(quiz.review.score), answers: allowed(quiz.review.answers), feedback: allowed(quiz.review.feedback) };
}

/** The right answer, in words, for the review page (only shown when the policy allows). */
export function describeKey(question: Question): string {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.options
        .filter((o) => o.correct)
        .map((o) => o.text)
        .join('; ');
    case 'truefalse':
      return question.answer ? 'Verdadero' : 'Falso';
    case 'matching':
      return question.pairs.map((p) => `${p.left} → ${p.right}`).join('; ');
    case 'ordering':
      return question.items.map((item, i) => `${i + 1}. ${item}`).join(' ');
    case 'numeric':
      return `${question.answer}${question.unit ? ` ${question.unit}` : ''}${question.tolerance ? ` (± ${question.tolerance})` : ''}`;
    case 'short':
      return question.answers.join(' / ');
    case 'essay':
      return question.rubric.map((c) => `${c.criterion}: ${c.levels.map((l) => `${l.points} = ${l.description}`).join('; ')}`).join(' · ');
  }
}
