// Demo quiz activity for the demo cohort: passed, failed and in-progress attempts, essays waiting
// for the instructor, and enough graded attempts for the item analysis to mean something.
// Answers are drawn per learner from a "skill" level, so stronger learners score higher.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Question, quizSchema } from '../src/lib/content/quiz-schema.ts';
import { DEFAULT_PROGRAM_SLUG } from '../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../src/lib/server/db.ts';
import { getAttempt, gradeEssayResponse, saveResponses, startAttempt, submitAttempt } from '../src/lib/server/quizzes/attempts.ts';
import { type PublicQuestion, type PublicResponse, toPublicQuestion } from '../src/lib/server/quizzes/public-view.ts';

/** A small seeded generator: the demo is the same every time. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

export function answer(question: Question, shown: PublicQuestion, knows: boolean, random: () => number): PublicResponse {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
  switch (question.type) {
    case 'single': {
      const options = shown.type === 'single' ? shown.options : [];
      const right = options.find((o) => o.text === question.options.find((x) => x.correct)?.text);
      return { type: 'single', choice: (knows ? right : pick(options))?.id ?? null };
    }
    case 'multiple': {
      const options = shown.type === 'multiple' ? shown.options : [];
      const right = options.filter((o) => question.options.some((x) => x.correct && x.text === o.text)).map((o) => o.id);
      return { type: 'multiple', choices: knows ? right : options.filter(() => random() < 0.5).map((o) => o.id) };
    }
    case 'truefalse':
      return { type: 'truefalse', value: knows ? question.answer : random() < 0.5 };
    case 'matching': {
      const m = shown.type === 'matching' ? shown : null;
      const matches: Record<string, string | null> = {};
      question.pairs.forEach((p, i) => {
        const right = m?.choices.find((c) => c.text === p.right)?.id ?? null;
        matches[`l${i}`] = knows ? right : (pick(m?.choices ?? [])?.id ?? null);
      });
      return { type: 'matching', matches };
    }
    case 'ordering': {
      const items = shown.type === 'ordering' ? shown.items : [];
      const right = question.items.map((text) => items.find((i) => i.text === text)?.id ?? '');
      return { type: 'ordering', order: knows ? right : [...right].sort(() => random() - 0.5) };
    }
    case 'numeric': {
      const key = question.answers.find((a) => a.fraction === 1);
      const value = key && 'value' in key ? key.value : key ? key.min : 0;
      return { type: 'numeric', value: knows ? value : value * 2 };
    }
    case 'short':
      return { type: 'short', text: knows ? (question.answers.find((a) => a.fraction === 1)?.text ?? '') : 'no recuerdo' };
    case 'description':
      throw new Error('a description takes no answer');
    case 'essay':
      return {
        type: 'essay',
        text: 'En la planta se observó que la gerencia intervino en la asamblea sindical y condicionó bonos al voto. Con base en la LFT, art. 133, fr. IV y V, propongo documentar los hechos con entrevistas confidenciales y solicitar las listas de asistencia.',
      };
  }
}

export function seedDemoQuizzes(db: Db, cohortId: number, learnerIds: number[], instructorId: number): void {
  const modules = ['01-fundamentos-inspeccion', '02-reforma-laboral-2019'];
  for (const moduleSlug of modules) {
    const quiz = quizSchema.parse(parse(readFileSync(`content/modules/${moduleSlug}/quiz.yaml`, 'utf8')));
    learnerIds.forEach((userId, index) => {
      const random = seeded(1000 + index * 7 + moduleSlug.length);
      const skill = 0.35 + (index % 10) * 0.065; // from 35 % to 94 % of questions known
      const attempts = index % 5 === 0 ? 2 : 1;
      const start = Date.now() - (20 - index / 2) * 24 * 60 * 60 * 1000;
      for (let n = 0; n < attempts; n++) {
        const now = new Date(start + n * 2 * 24 * 60 * 60 * 1000);
        const { attemptId } = startAttempt(db, { userId, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug, quiz, cohortId, now, random });
        const attempt = getAttempt(db, attemptId);
        if (!attempt) continue;
        const questions = new Map(quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
        const answers: Record<string, PublicResponse> = {};
        for (const slot of attempt.layout.questions) {
          const question = questions.get(slot.id);
          if (question && question.type !== 'description')
            answers[slot.id] = answer(question, toPublicQuestion(question, slot), random() < skill + n * 0.1, random);
        }
        saveResponses(db, { attemptId, userId, answers, now: new Date(now.getTime() + 10 * 60_000) });
        // The last learner is mid-attempt in module 2; everyone else has sent theirs.
        const inProgress = moduleSlug === modules[1] && index === learnerIds.length - 1;
        if (inProgress) continue;
        submitAttempt(db, { attemptId, userId, now: new Date(now.getTime() + 20 * 60_000) });
        // The instructor has graded every essay but the two most recent ones.
        const essay = attempt.layout.questions.map((slot) => questions.get(slot.id)).find((q) => q?.type === 'essay');
        if (essay?.type === 'essay' && index < learnerIds.length - 3) {
          const levels = essay.rubric.map((c) => Math.min(c.levels.length - 1, Math.floor(skill * c.levels.length)));
          gradeEssayResponse(db, {
            attemptId,
            questionId: essay.id,
            levels,
            comment: 'Buen fundamento; precise los hechos observados.',
            actorId: instructorId,
            now: new Date(now.getTime() + 3 * 24 * 60 * 60_000),
          });
        }
      }
    });
  }
}
