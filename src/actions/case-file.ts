import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { t } from '../i18n/index.ts';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getDb } from '../lib/server/db.ts';
import { PRACTICE_ROLES } from '../lib/server/practice/learner-enrollment.ts';
import { reviewCaseFile, saveCaseStep, startCaseFile, submitCaseFile } from '../lib/server/practice/case-file-attempts.ts';
import { CASE_STEPS, STEP_FIELDS } from '../lib/server/practice/case-file-rules.ts';
import { withDomainErrors } from './errors.ts';

/** The shortest review comment worth leaving a learner. */
export const REVIEW_MIN = 10;

const fields = [...new Set(Object.values(STEP_FIELDS).flat())];
/** Every step's fields, optional: lib/server/practice/case-file-rules.ts says which each step needs, in Spanish. */
const stepInput = z.object({
  attemptId: z.coerce.number().int().positive(),
  step: z.enum(CASE_STEPS),
  ...Object.fromEntries(fields.map((f) => [f, z.string().max(2000).optional()])),
});

export const caseFile = {
  /** Opens a practice case file, or resumes the one in progress. */
  start: defineAction({
    accept: 'form',
    handler: (_input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        return startCaseFile(getDb(), user.id);
      }),
  }),
  /** Saves one step if it passes its rules; otherwise returns each problem in Spanish, by field. */
  saveStep: defineAction({
    accept: 'form',
    input: stepInput,
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        const result = saveCaseStep(getDb(), { userId: user.id, attemptId: input.attemptId, step: input.step, raw: input });
        if (result.ok) return { ok: true as const, next: result.next };
        const errors: Record<string, string> = {};
        for (const issue of result.issues) errors[issue.field] ??= t(issue.key, issue.params);
        return { ok: false as const, errors };
      }),
  }),
  submit: defineAction({
    accept: 'form',
    input: z.object({ attemptId: z.coerce.number().int().positive() }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, ...PRACTICE_ROLES);
        submitCaseFile(getDb(), { userId: user.id, attemptId: input.attemptId });
        return { submitted: true };
      }),
  }),
  /** An instructor of the learner's cohort, or coordination, reviews a submitted case. */
  review: defineAction({
    accept: 'form',
    input: z.object({
      attemptId: z.coerce.number().int().positive(),
      comment: z
        .string()
        .trim()
        .min(REVIEW_MIN, t('practice.case.review.commentShort', { min: REVIEW_MIN }))
        .max(4000),
    }),
    handler: (input, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        reviewCaseFile(getDb(), { reviewerId: user.id, attemptId: input.attemptId, comment: input.comment });
        return { reviewed: true };
      }),
  }),
};
