import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireRole } from '../lib/server/auth/authorize.ts';
import { getAllQuizzes } from '../lib/server/course/catalog.ts';
import { loadModuleQuiz } from '../lib/server/course/quiz-context.ts';
import { getDb } from '../lib/server/db.ts';
import { DomainError } from '../lib/server/errors.ts';
import { getAttempt, gradeEssayResponse, grantQuizOverride, saveResponses, startAttempt } from '../lib/server/quizzes/attempts.ts';
import { submitAfterCheck } from '../lib/server/quizzes/submit-check.ts';
import { essayGradeSchema, levelsFromForm } from '../lib/validation/essay-grade.ts';
import { reasonSchema } from '../lib/validation/person.ts';
import { attemptAnswersFromForm } from '../lib/server/quizzes/form.ts';
import { revokeQuizOverride } from '../lib/server/quizzes/overrides.ts';
import { gradePreviewForm } from '../lib/server/quizzes/preview.ts';
import { withDomainErrors } from './errors.ts';

/** The answers in a posted attempt form, read against that attempt's own questions. */
function formAnswers(attemptId: number, userId: number, form: FormData) {
  const attempt = getAttempt(getDb(), attemptId);
  if (!attempt || attempt.userId !== userId) throw new DomainError('quiz.notFound', {}, 'not-found');
  return attemptAnswersFromForm(attempt, form);
}

const attemptIdOf = (form: FormData) => z.coerce.number().int().positive().parse(form.get('attemptId'));

export const quiz = {
  start: defineAction({
    accept: 'form',
    input: z.object({ moduleSlug: z.string().min(3) }),
    handler: (input, context) =>
      withDomainErrors(async () => {
        const user = requireRole(context.locals.user, 'inspector');
        const db = getDb();
        const { quiz: definition, ref, path, cohortId, window } = await loadModuleQuiz(db, user, input.moduleSlug);
        if (path.access.kind !== 'learner') throw new DomainError('error.forbidden', {}, 'forbidden');
        return startAttempt(db, { ...ref, quiz: definition, cohortId, window });
      }),
  }),

  /** Saving without JavaScript: the same as autosave, from the attempt's form. */
  save: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'inspector');
        const attemptId = attemptIdOf(form);
        return { ...saveResponses(getDb(), { attemptId, userId: user.id, answers: formAnswers(attemptId, user.id, form) }), attemptId };
      }),
  }),

  submit: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(() => {
        const user = requireRole(context.locals.user, 'inspector');
        const attemptId = attemptIdOf(form);
        // Saved first; with questions unanswered and no "Enviar de todos modos", only saved and listed.
        return submitAfterCheck(getDb(), {
          attemptId,
          userId: user.id,
          answers: formAnswers(attemptId, user.id, form),
          confirmed: form.get('confirmar') === '1',
        });
      }),
  }),

  /** "Ver como participante": grades a preview on the server and writes nothing (quizzes/preview.ts). */
  preview: defineAction({
    accept: 'form',
    handler: (form, context) =>
      withDomainErrors(async () => {
        requireRole(context.locals.user, 'instructor');
        const entry = (await getAllQuizzes()).find((q) => q.moduleSlug === form.get('moduleSlug'));
        if (!entry) throw new DomainError('quiz.notFound', {}, 'not-found');
        return gradePreviewForm(entry.quiz, form);
      }),
  }),

  /** Whether the grader teaches this attempt's learner, and every rubric level, are checked by the domain. */
  gradeEssay: defineAction({
    accept: 'form',
    input: essayGradeSchema,
    handler: (input, context) =>
      withDomainErrors(() => {
        const teacher = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        return gradeEssayResponse(getDb(), {
          attemptId: input.attemptId,
          questionId: input.questionId,
          levels: levelsFromForm(input.level),
          comment: input.comment ?? '',
          actorId: teacher.id,
        });
      }),
  }),

  grantOverride: defineAction({
    accept: 'form',
    input: z.object({
      userId: z.coerce.number().int().positive(),
      moduleSlug: z.string().min(3),
      extraAttempts: z.coerce.number().int().min(0).max(5),
      extraMinutes: z.coerce.number().int().min(0).max(240),
      reason: reasonSchema,
    }),
    handler: (input, context) =>
      withDomainErrors(() => {
        // Whether the person teaches this learner is the domain's check (cohorts/teaching.ts).
        const teacher = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        return grantQuizOverride(getDb(), { ...input, actorId: teacher.id });
      }),
  }),

  revokeOverride: defineAction({
    accept: 'form',
    input: z.object({ overrideId: z.coerce.number().int().positive(), reason: reasonSchema }),
    handler: (input, context) =>
      withDomainErrors(() => {
        // Whether the person teaches this learner is the domain's check (cohorts/teaching.ts).
        const teacher = requireRole(context.locals.user, 'instructor', 'coordinator', 'admin');
        return revokeQuizOverride(getDb(), { ...input, actorId: teacher.id });
      }),
  }),
};
