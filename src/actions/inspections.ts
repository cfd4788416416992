import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getCourseAccess } from '../lib/server/course/access.ts';
import { getCatalog } from '../lib/server/course/catalog.ts';
import { getDb } from '../lib/server/db.ts';
import { PRACTICE_ROLES } from '../lib/server/practice/learner-enrollment.ts';
import { DomainError } from '../lib/server/errors.ts';
import { getInspection } from '../lib/server/practice/inspection-catalog.ts';
import { reviewPracticeAttempt } from '../lib/server/practice/attempt-review.ts';
import { saveInspectionStep, startInspection, submitInspection } from '../lib/server/practice/inspection.ts';
import { practiceReviewSchema } from '../lib/validation/practice-review.ts';
import { withDomainErrors } from './errors.ts';

/**
 * Practice inspections (issue 15): plain forms that work without JavaScript. Enrolled learners of
 * the program practise, and staff try them as a preview (lib/server/practice/inspection.ts); each
 * write checks the attempt is the person's own.
 */
async function learnerOf(locals: App.Locals) {
  const user = requireRole(locals.user, ...PRACTICE_ROLES);
  const db = getDb();
  const { program } = await getCatalog();
  if (getCourseAccess(db, user, program.slug).kind === 'none') throw new DomainError('inspection.notEnrolled', {}, 'forbidden');
  return { user, db, programSlug: program.slug };
}

function scenario(slug: string) {
  const found = getInspection(slug);
  if (!found) throw new DomainError('inspection.notFound', {}, 'not-found');
  return found;
}

const slug = z.string({ error: 'Falta el escenario.' }).regex(/^[a-z0-9-]{1,80}$/, 'Escenario desconocido.');
const attemptId = z.coerce.number({ error: 'Falta el intento.' }).int().positive('Intento desconocido.');

export const inspections = {
  start: defineAction({
    accept: 'form',
    input: z.object({ slug }),
    handler: (input, { locals }) =>
      withDomainErrors(async () => {
        const { user, db, programSlug } = await learnerOf(locals);
        const attempt = startInspection(db, { userId: user.id, programSlug, inspection: scenario(input.slug) });
        return { attemptId: attempt.id, slug: attempt.slug };
      }),
  }),

  /** One step's form: its fields, plus attemptId, slug, step and go (next | back | stay). */
  save: defineAction({
    accept: 'form',
    handler: (form, { locals }) =>
      withDomainErrors(async () => {
        const { user, db } = await learnerOf(locals);
        const ids = z.object({ attemptId, slug }).safeParse({ attemptId: form.get('attemptId'), slug: form.get('slug') });
        if (!ids.success) throw new DomainError('inspection.invalidForm', {}, 'invalid');
        const go = form.get('go');
        const step = saveInspectionStep(db, {
          userId: user.id,
          attemptId: ids.data.attemptId,
          scenario: scenario(ids.data.slug).scenario,
          step: String(form.get('step') ?? ''),
          go: go === 'back' ? 'back' : go === 'stay' ? 'stay' : 'next',
          form,
        });
        return { attemptId: ids.data.attemptId, slug: ids.data.slug, step };
      }),
  }),

  submit: defineAction({
    accept: 'form',
    input: z.object({ attemptId, slug }),
    handler: (input, { locals }) =>
      withDomainErrors(async () => {
        const { user, db, programSlug } = await learnerOf(locals);
        const { attempt, credited } = submitInspection(db, {
          userId: user.id,
          attemptId: input.attemptId,
          inspection: scenario(input.slug),
          programSlug,
        });
        return { attemptId: attempt.id, slug: attempt.slug, credited };
      }),
  }),

  /** An instructor of the learner's cohort, coordination or administration comments on a submitted attempt. */
  review: defineAction({
    accept: 'form',
    input: practiceReviewSchema,
    handler: (input, { locals }) =>
      withDomainErrors(() => {
        const user = requireRole(locals.user, 'instructor', 'coordinator', 'admin');
        reviewPracticeAttempt(getDb(), { reviewerId: user.id, attemptId: input.attemptId, kind: 'inspection', comment: input.comment });
        return { reviewed: true };
      }),
  }),
};
