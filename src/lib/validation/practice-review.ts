import { z } from 'astro/zod';
import { t } from '../../i18n/index.ts';
import { cleanMultilineText } from './text.ts';

/** The shortest review comment worth leaving a learner, and the longest (the textarea's maxlength too). */
export const REVIEW_COMMENT_MIN = 10;
export const REVIEW_COMMENT_MAX = 4000;

/** The staff comment on a submitted practice attempt (inspection or ranking): practice/attempt-review.ts. */
export const practiceReviewSchema = z.object({
  attemptId: z.coerce
    .number({ error: t('practice.review.notFound') })
    .int()
    .positive(t('practice.review.notFound')),
  comment: z
    .string({ error: t('practice.review.commentShort', { min: REVIEW_COMMENT_MIN }) })
    .transform(cleanMultilineText)
    .pipe(
      z
        .string()
        .min(REVIEW_COMMENT_MIN, t('practice.review.commentShort', { min: REVIEW_COMMENT_MIN }))
        .max(REVIEW_COMMENT_MAX, t('practice.review.commentLong', { max: REVIEW_COMMENT_MAX.toLocaleString('es-MX') })),
    ),
});
