import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { cleanMultilineText } from './text.ts';

/** The longest comment an instructor may leave on an essay (the textarea's maxlength too). */
export const ESSAY_COMMENT_MAX = 2000;

/**
 * The essay grading form. Each rubric criterion is a radio group `level.<criterion index>`;
 * which criteria exist and which levels each has is known only from the stored question, so the
 * domain checks them (quizzes/attempts.ts) and names the criterion in its message.
 */
export const essayGradeSchema = z.object({
  attemptId: z.coerce.number().int().positive(),
  questionId: z.string().min(1).max(200),
  level: z.object({}).catchall(z.string().max(20)).optional(),
  comment: z
    .string()
    .transform(cleanMultilineText)
    .pipe(z.string().max(ESSAY_COMMENT_MAX, t('essays.comment.tooLong', { max: ESSAY_COMMENT_MAX.toLocaleString('es-MX') })))
    .nullish(),
});

/**
 * The chosen level per criterion, by index, from the form's `level.<i>` fields. A criterion left
 * out stays `undefined` and a value that is not a whole number becomes `NaN`, so the domain can
 * refuse each with its own message instead of reading it as level 0.
 */
export function levelsFromForm(fields: Record<string, string> = {}): (number | undefined)[] {
  const levels: (number | undefined)[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (!/^\d{1,2}$/.test(key)) continue;
    levels[Number(key)] = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  }
  return levels;
}
