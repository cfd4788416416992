import { readFileSync } from 'node:fs';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { getAttempt, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { type PublicResponse, toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

/**
 * Feedback that teaches (issue 16): after submission, under the review policy, the review shows the
 * feedback of the answer the learner gave and the general feedback; before submission the attempt
 * page carries none of it, and with `feedback: never` neither does the review.
 */

let db: Db;
vi.mock('../../src/lib/server/db.ts', () => ({ getDb: () => db }));
// Content collections do not load under Vitest: the page gets its module context from the real
// standing in the test database, and the attempt's own quiz version decides the review policy.
vi.mock('../../src/lib/server/course/quiz-context.ts', () => ({
  loadModuleQuiz: async (database: Db, user: { id: number }, moduleSlug: string) => {
    const { getQuizStanding } = await import('../../src/lib/server/quizzes/attempts.ts');
    const ref = { userId: user.id, programSlug: 'diplomado-inspeccion-federal', moduleSlug };
    return {
      path: { catalog: { program: { title: 'Diplomado' } } },
      module: { slug: moduleSlug, number: 1 },
      quiz,
      standing: getQuizStanding(database, { ...ref, quiz }),
      cohortId,
      window: { opensAt: null, closesAt: null },
      ref,
    };
  },
}));

const MODULE = '01-fundamentos-inspeccion';
const moduleQuiz = quizSchema.parse(parse(readFileSync(`content/modules/${MODULE}/quiz.yaml`, 'utf8')));
const prompt = 'Una pregunta de prueba con enunciado completo.';
/** One question of each kind whose feedback depends on the answer, all drawn, in this order. */
const quiz: Quiz = quizSchema.parse({
  title: moduleQuiz.title,
  passingScore: 0.7,
  attempts: 2,
  shuffleQuestions: false,
  shuffleOptions: false,
  review: { score: 'after-submit', answers: 'after-close', feedback: 'after-submit' },
  draw: [{ pool: 'p', count: 6 }],
  pools: [
    {
      id: 'p',
      questions: [
        {
          id: 'unica',
          type: 'single',
          prompt,
          feedback: 'GENERAL-UNICA: el art. 540 enumera las atribuciones.',
          options: [
            { id: 'a', text: 'Vigilar', correct: true, feedback: 'FB-UNICA-A: correcto, fr. I.' },
            { id: 'b', text: 'Multar', feedback: 'FB-UNICA-B: la multa la impone la autoridad.' },
          ],
        },
        {
          id: 'varias',
          type: 'multiple',
          grading: 'weighted',
          prompt,
          options: [
            { id: 'a', text: 'Turnos', fraction: 0.5, feedback: 'FB-VARIAS-A: indicio de subordinación.' },
            { id: 'b', text: 'Sanciones', fraction: 0.5, feedback: 'FB-VARIAS-B: también lo es.' },
            { id: 'c', text: 'REPSE', fraction: -1, feedback: 'FB-VARIAS-C: el registro no prueba nada.' },
          ],
        },
        {
          id: 'vf',
          type: 'truefalse',
          prompt,
          answer: true,
          feedbackTrue: 'FB-VF-TRUE: así es.',
          feedbackFalse: 'FB-VF-FALSE: no, lo dice el art. 541.',
        },
        {
          id: 'corta',
          type: 'short',
          prompt,
          answers: [
            { text: 'REPSE', feedback: 'FB-CORTA-REPSE: exacto.' },
            { text: 'registro*', fraction: 0.5, feedback: 'FB-CORTA-PARCIAL: ¿cuál registro?' },
          ],
        },
        {
          id: 'numero',
          type: 'numeric',
          prompt,
          answers: [
            { value: 2000, feedback: 'FB-NUM-EXACTO: art. 1004-C.' },
            { min: 1000, max: 3000, fraction: 0.5, feedback: 'FB-NUM-CERCA: revise la cifra.' },
          ],
        },
        { id: 'texto', type: 'description', prompt: 'Lea el caso antes de continuar.', feedback: 'FB-TEXTO: gracias.' },
      ],
    },
  ],
});
const allFeedback = [
  'GENERAL-UNICA',
  'FB-UNICA-A',
  'FB-UNICA-B',
  'FB-VARIAS-A',
  'FB-VARIAS-B',
  'FB-VARIAS-C',
  'FB-VF-TRUE',
  'FB-VF-FALSE',
  'FB-CORTA-REPSE',
  'FB-CORTA-PARCIAL',
  'FB-NUM-EXACTO',
  'FB-NUM-CERCA',
  'FB-TEXTO',
];
/** What the learner answers: option B, options A and C, false, a partial short answer, a near number. */
const answers: Record<string, PublicResponse> = {
  unica: { type: 'single', choice: 'o1' },
  varias: { type: 'multiple', choices: ['o0', 'o2'] },
  vf: { type: 'truefalse', value: false },
  corta: { type: 'short', text: 'Registro de empresas' },
  numero: { type: 'numeric', value: 2500 },
};
const shown = ['GENERAL-UNICA', 'FB-UNICA-B', 'FB-VARIAS-A', 'FB-VARIAS-C', 'FB-VF-FALSE', 'FB-CORTA-PARCIAL', 'FB-NUM-CERCA', 'FB-TEXTO'];

let learner: number;
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  learner = insertPerson(db).id;
  const instructor = insertPerson(db, { roles: ['instructor'] }).id;
  cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [instructor], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
});

async function render(attemptId: number): Promise<string> {
  const { default: Page } = await import('../../src/pages/diplomado/[modulo]/evaluacion/[intento].astro');
  const container = await AstroContainer.create();
  return container.renderToString(Page, {
    params: { modulo: MODULE, intento: String(attemptId) },
    request: new Request(`http://localhost/diplomado/${MODULE}/evaluacion/${attemptId}`),
    locals: { user: { id: learner, roles: ['inspector'], fullName: 'Prueba', email: 'p@example.mx' }, session: null },
  });
}

function answeredAttempt(definition: Quiz): number {
  const { attemptId } = startAttempt(db, {
    userId: learner,
    programSlug: 'diplomado-inspeccion-federal',
    moduleSlug: MODULE,
    quiz: definition,
    cohortId,
  });
  saveResponses(db, { attemptId, userId: learner, answers });
  return attemptId;
}

describe('feedback on review', () => {
  test('never on the page of an attempt in progress, even with every answer saved', async () => {
    const attemptId = answeredAttempt(quiz);
    const html = await render(attemptId);
    expect(html).toContain('Lea el caso antes de continuar.');
    for (const marker of allFeedback) expect(html, marker).not.toContain(marker);
    // Nor the key in any other form: fractions, accepted answers, flags.
    expect(html).not.toMatch(/"(correct|fraction|answers|feedback)"/);
    expect(html).not.toContain('registro*');
  });

  test('after submission: the feedback of each answer given, and the general feedback; none of the answers not given', async () => {
    const attemptId = answeredAttempt(quiz);
    submitAttempt(db, { attemptId, userId: learner });
    const html = await render(attemptId);
    for (const marker of shown) expect(html, marker).toContain(marker);
    for (const marker of allFeedback.filter((m) => !shown.includes(m))) expect(html, marker).not.toContain(marker);
    // The short answer "registro*" earned half, the numeric one half: the scores follow the models.
    const attempt = getAttempt(db, attemptId);
    expect(attempt?.responses.get('corta')?.fraction).toBe(0.5);
    expect(attempt?.responses.get('numero')?.fraction).toBe(0.5);
    expect(attempt?.responses.get('varias')?.fraction).toBe(0);
  });

  test('a review policy of "never" shows no feedback at all, even after submission', async () => {
    const attemptId = answeredAttempt({ ...quiz, review: { ...quiz.review, feedback: 'never' } });
    submitAttempt(db, { attemptId, userId: learner });
    const html = await render(attemptId);
    expect(html).toContain('Lea el caso antes de continuar.');
    for (const marker of allFeedback) expect(html, marker).not.toContain(marker);
  });
});

test('the public view of every new kind of question carries no key', () => {
  const attemptLayout = { questions: quiz.pools[0]?.questions.map((q) => ({ id: q.id })) ?? [] };
  const json = JSON.stringify(quiz.pools[0]?.questions.map((q, i) => toPublicQuestion(q, attemptLayout.questions[i] as { id: string })));
  for (const marker of allFeedback) expect(json).not.toContain(marker);
  expect(json).not.toMatch(/fraction|correct|registro|2000|3000|feedback|"answers?"/);
});
