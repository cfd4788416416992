import { z } from 'astro/zod';

/**
 * A module's assessment as content (content/modules/NN-slug/quiz.yaml), authored by instructors.
 * Questions live in pools; each attempt draws `count` questions from each pool. Answer keys stay
 * in this file and on the server: the browser only ever gets a question's prompt and options.
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'debe ser un id en minúsculas con guiones');
const text = z.string().trim().min(1, 'no puede quedar vacío');
const feedback = z.string().trim().min(3).optional();

const base = {
  id,
  prompt: z.string().trim().min(10, 'escriba el enunciado completo'),
  points: z.number().positive().default(1),
  /** Shown after grading, whatever was answered. */
  feedback,
};

const singleChoice = z
  .object({
    ...base,
    type: z.literal('single'),
    options: z.array(z.object({ id, text, correct: z.boolean().default(false), feedback })).min(2),
  })
  .refine((q) => q.options.filter((o) => o.correct).length === 1, 'una pregunta de opción única tiene exactamente una opción correcta');

const multipleResponse = z
  .object({
    ...base,
    type: z.literal('multiple'),
    options: z.array(z.object({ id, text, correct: z.boolean().default(false), feedback })).min(3),
  })
  .refine(
    (q) => q.options.some((o) => o.correct) && q.options.some((o) => !o.correct),
    'necesita al menos una opción correcta y una incorrecta',
  );

const trueFalse = z.object({
  ...base,
  type: z.literal('truefalse'),
  answer: z.boolean(),
  feedbackTrue: feedback,
  feedbackFalse: feedback,
});

const matching = z.object({
  ...base,
  type: z.literal('matching'),
  pairs: z.array(z.object({ left: text, right: text })).min(2),
  /** Extra answers that match nothing, to make guessing harder. */
  distractors: z.array(text).default([]),
});

const ordering = z.object({
  ...base,
  type: z.literal('ordering'),
  /** In the correct order; shown shuffled. */
  items: z.array(text).min(3),
});

const numeric = z.object({
  ...base,
  type: z.literal('numeric'),
  answer: z.number(),
  tolerance: z.number().min(0).default(0),
  unit: z.string().optional(),
});

const shortText = z.object({
  ...base,
  type: z.literal('short'),
  /** Any of these is right; compared without case, accents or extra spaces. */
  answers: z.array(text).min(1),
});

const essay = z.object({
  ...base,
  type: z.literal('essay'),
  rubric: z.array(z.object({ criterion: text, levels: z.array(z.object({ points: z.number().min(0), description: text })).min(2) })).min(1),
  minWords: z.number().int().min(0).default(0),
});

export const questionSchema = z.union([singleChoice, multipleResponse, trueFalse, matching, ordering, numeric, shortText, essay]);
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];

export const quizSchema = z
  .object({
    title: z.string().min(5),
    /** Proportion of the points needed to pass, e.g. 0.7. */
    passingScore: z.number().min(0).max(1),
    attempts: z.number().int().min(1, 'permita al menos un intento'),
    timeLimitMinutes: z.number().int().positive().optional(),
    grading: z.enum(['highest', 'last', 'average']).default('highest'),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
    /** What a learner may see of a graded attempt, and when. */
    review: z
      .object({
        score: z.enum(['after-submit', 'after-close', 'never']).default('after-submit'),
        answers: z.enum(['after-submit', 'after-close', 'never']).default('after-close'),
        feedback: z.enum(['after-submit', 'after-close', 'never']).default('after-submit'),
      })
      .default({ score: 'after-submit', answers: 'after-close', feedback: 'after-submit' }),
    /**
     * When a cohort may take the quiz: days after the cohort's start, and exact dates for named
     * cohorts (which win). Dates are Mexico City calendar days; closing includes the whole day.
     */
    availability: z
      .object({
        opensAfterDays: z.number().int().min(0).optional(),
        closesAfterDays: z.number().int().positive().optional(),
        cohorts: z
          .array(
            z.object({
              cohort: z.string().min(3),
              opens: z
                .string()
                .regex(/^\d{4}-\d{2}-\d{2}$/, 'fecha AAAA-MM-DD')
                .optional(),
              closes: z
                .string()
                .regex(/^\d{4}-\d{2}-\d{2}$/, 'fecha AAAA-MM-DD')
                .optional(),
            }),
          )
          .default([]),
      })
      .optional(),
    draw: z.array(z.object({ pool: id, count: z.number().int().positive() })).min(1),
    pools: z.array(z.object({ id, title: z.string().optional(), questions: z.array(questionSchema).min(1) })).min(1),
  })
  .superRefine((quiz, ctx) => {
    const questionIds = new Set<string>();
    for (const [p, pool] of quiz.pools.entries()) {
      for (const [i, q] of pool.questions.entries()) {
        if (questionIds.has(q.id))
          ctx.addIssue({ code: 'custom', path: ['pools', p, 'questions', i, 'id'], message: `id de pregunta repetido: ${q.id}` });
        questionIds.add(q.id);
      }
    }
    quiz.draw.forEach((d, i) => {
      const pool = quiz.pools.find((p) => p.id === d.pool);
      if (!pool) ctx.addIssue({ code: 'custom', path: ['draw', i, 'pool'], message: `no existe el banco "${d.pool}"` });
      else if (pool.questions.length < d.count)
        ctx.addIssue({
          code: 'custom',
          path: ['draw', i, 'count'],
          message: `el banco "${d.pool}" tiene ${pool.questions.length} preguntas; no se pueden sacar ${d.count}`,
        });
    });
  });
export type Quiz = z.output<typeof quizSchema>;
