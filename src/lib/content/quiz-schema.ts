import { z } from 'astro/zod';

/**
 * A module's assessment as content (content/modules/NN-slug/quiz.yaml), authored by instructors.
 * Questions live in pools; each attempt draws `count` questions from each pool. Answer keys stay
 * in this file and on the server: the browser only ever gets a question's prompt and options.
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'debe ser un id en minúsculas con guiones');
const text = z.string().trim().min(1, 'no puede quedar vacío');
const feedback = z.string().trim().min(3).optional();
/** Moodle's percentage of the points, as a share: -1..1 where a choice may cost points, 0..1 where not. */
const signedFraction = z.number().min(-1, 'el porcentaje va de -100 % a 100 %').max(1, 'el porcentaje va de -100 % a 100 %');
const fraction = z.number().min(0, 'el porcentaje va de 0 % a 100 %').max(1, 'el porcentaje va de 0 % a 100 %').default(1);
/** Tolerance when comparing shares that were written as percentages (33.333 % three times). */
const EPSILON = 0.001;

const textMeta = {
  /**
   * How the prompt, option texts and every feedback of the question are written: plain text,
   * Markdown, or HTML (kept from Moodle and sanitised when shown).
   */
  format: z.enum(['plain', 'markdown', 'html']).default('plain'),
  tags: z.array(text).optional(),
  /** Moodle's question id number (GIFT's `// [id:…]`), kept so a bank can be exported back. */
  idNumber: z.string().trim().min(1).optional(),
};

const base = {
  id,
  prompt: z.string().trim().min(10, 'escriba el enunciado completo'),
  points: z.number().positive().default(1),
  /** The general feedback: shown after grading, whatever was answered. */
  feedback,
  ...textMeta,
};

const choiceOption = z.object({ id, text, correct: z.boolean().default(false), fraction: signedFraction.optional(), feedback });

const singleChoice = z
  .object({
    ...base,
    type: z.literal('single'),
    options: z.array(choiceOption).min(2),
  })
  .superRefine((q, ctx) => {
    q.options.forEach((o, i) => {
      if (o.correct && o.fraction !== undefined && o.fraction !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'fraction'],
          message: 'una opción correcta vale 100 %: quite "correct" o el porcentaje',
        });
    });
    if (!q.options.some((o) => optionWorth(q, o) === 1))
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'una pregunta de opción única necesita una opción correcta (que valga 100 %)',
      });
  });

const multipleResponse = z
  .object({
    ...base,
    type: z.literal('multiple'),
    /**
     * right-minus-wrong: the share of right options chosen minus the share of wrong ones (Aula's
     * own model). weighted: Moodle's, the sum of the chosen options' fractions, between 0 and 1.
     */
    grading: z.enum(['right-minus-wrong', 'weighted']).default('right-minus-wrong'),
    options: z.array(choiceOption).min(2),
  })
  .superRefine((q, ctx) => {
    if (q.grading === 'right-minus-wrong') {
      if (q.options.length < 3) ctx.addIssue({ code: 'custom', path: ['options'], message: 'necesita al menos tres opciones' });
      if (!(q.options.some((o) => o.correct) && q.options.some((o) => !o.correct)))
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'necesita al menos una opción correcta y una incorrecta' });
      return;
    }
    q.options.forEach((o, i) => {
      if (o.fraction === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'fraction'],
          message: 'con grading: weighted, cada opción lleva su porcentaje',
        });
    });
    const positive = q.options.reduce((sum, o) => sum + Math.max(0, o.fraction ?? 0), 0);
    if (Math.abs(positive - 1) > EPSILON)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `los porcentajes positivos suman ${Math.round(positive * 1000) / 10} %; deben sumar 100 %`,
      });
  });

const trueFalse = z.object({
  ...base,
  type: z.literal('truefalse'),
  answer: z.boolean(),
  /** Shown to a learner who answered "true"; `feedbackFalse` to one who answered "false". */
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

const numericAnswer = z.union([
  z.object({ value: z.number(), tolerance: z.number().min(0).default(0), fraction, feedback }),
  z
    .object({ min: z.number(), max: z.number(), fraction, feedback })
    .refine((a) => a.min <= a.max, { message: 'el mínimo del intervalo es mayor que el máximo', path: ['max'] }),
]);

/**
 * Either one value with its tolerance (`answer`, `tolerance`), or several accepted answers, each a
 * value with a tolerance or an interval, with its share of the points and feedback. The output
 * always has `answers`, so code reads only that.
 */
const numeric = z
  .object({
    ...base,
    type: z.literal('numeric'),
    answer: z.number().optional(),
    tolerance: z.number().min(0).optional(),
    answers: z.array(numericAnswer).min(1).optional(),
    unit: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.answer === undefined) === (q.answers === undefined))
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'escriba "answer" (con "tolerance") o una lista "answers", no ambos' });
    else if (q.answers !== undefined && q.tolerance !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['tolerance'],
        message: '"tolerance" acompaña a "answer"; en "answers", cada respuesta lleva la suya',
      });
    if (q.answers && !q.answers.some((a) => Math.abs(a.fraction - 1) < EPSILON))
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'al menos una respuesta debe valer 100 %' });
  })
  .transform(({ answer, tolerance, answers, ...q }) => ({
    ...q,
    answers: answers ?? [{ value: answer as number, tolerance: tolerance ?? 0, fraction: 1 }],
  }));

const shortAnswer = z.union([
  text.transform((t): { text: string; fraction: number; feedback?: string } => ({ text: t, fraction: 1 })),
  z.object({ text, fraction, feedback }),
]);

const shortText = z
  .object({
    ...base,
    type: z.literal('short'),
    /**
     * Accepted answers: a text (full credit) or `{ text, fraction, feedback }`. `*` stands for any
     * run of characters (Moodle's wildcard). Compared without case, accents or extra spaces,
     * unless `caseSensitive`, which keeps case (spaces are still folded).
     */
    answers: z.array(shortAnswer).min(1),
    caseSensitive: z.boolean().default(false),
  })
  .refine((q) => q.answers.some((a) => Math.abs(a.fraction - 1) < EPSILON), {
    message: 'al menos una respuesta debe valer 100 %',
    path: ['answers'],
  });

const essay = z.object({
  ...base,
  type: z.literal('essay'),
  rubric: z.array(z.object({ criterion: text, levels: z.array(z.object({ points: z.number().min(0), description: text })).min(2) })).min(1),
  minWords: z.number().int().min(0).default(0),
});

/** Text with no answer (Moodle's "description"): drawn like a question, worth nothing, never graded. */
const description = z.object({
  id,
  type: z.literal('description'),
  prompt: text,
  points: z.literal(0).default(0),
  feedback,
  ...textMeta,
});

export const questionSchema = z.discriminatedUnion('type', [
  singleChoice,
  multipleResponse,
  trueFalse,
  matching,
  ordering,
  numeric,
  shortText,
  essay,
  description,
]);
export type Question = z.output<typeof questionSchema>;
/** A question as written in quiz.yaml (or produced by an importer), before defaults and normalising. */
export type QuestionInput = z.input<typeof questionSchema>;
export type QuestionType = Question['type'];
/** A question a learner answers: every type but descriptions. */
export type AnswerableQuestion = Exclude<Question, { type: 'description' }>;
export type NumericAnswer = Extract<Question, { type: 'numeric' }>['answers'][number];
export type ShortAnswer = Extract<Question, { type: 'short' }>['answers'][number];

/**
 * What choosing an option is worth, as a share of the question's points: in a single-choice
 * question an option marked correct is worth 1, any other its `fraction` (0 when none); in a
 * weighted multiple-response question, its `fraction`; in right-minus-wrong, 1 when correct.
 */
export function optionWorth(
  question: { type: 'single' | 'multiple'; grading?: 'right-minus-wrong' | 'weighted' },
  option: { correct: boolean; fraction?: number | undefined },
): number {
  if (question.type === 'multiple' && question.grading === 'weighted') return option.fraction ?? 0;
  if (option.correct) return 1;
  return question.type === 'single' ? (option.fraction ?? 0) : 0;
}

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
