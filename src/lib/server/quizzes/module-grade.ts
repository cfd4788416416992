import type { Quiz } from '../../content/quiz-schema.ts';

interface GradedAttempt {
  score: number | null;
  maxScore: number;
}

/**
 * A learner's grade in a quiz from their attempts, in attempt order, by the quiz's method
 * (highest, last, average), as a share 0..1; null while no attempt is graded. The one place the
 * gradebook, the quiz page and module completion compute it.
 */
export function moduleGrade(
  quiz: Pick<Quiz, 'grading' | 'passingScore'>,
  attempts: GradedAttempt[],
): { grade: number | null; passed: boolean } {
  const fractions = attempts.filter((a) => a.score !== null).map((a) => (a.maxScore > 0 ? (a.score as number) / a.maxScore : 0));
  if (fractions.length === 0) return { grade: null, passed: false };
  const raw =
    quiz.grading === 'highest'
      ? Math.max(...fractions)
      : quiz.grading === 'last'
        ? (fractions.at(-1) as number)
        : fractions.reduce((a, b) => a + b, 0) / fractions.length;
  const grade = Math.round(raw * 10_000) / 10_000;
  return { grade, passed: grade + 1e-9 >= quiz.passingScore };
}
