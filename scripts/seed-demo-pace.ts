// The demo cohort mid-program (issue 13): live sessions held with attendance taken and one coming,
// learners ahead, on track, behind and inactive, supervised practice, so every dashboard, chart and
// export has something true to show. Everything goes through the domain functions the site uses
// (lessons completed, quizzes sent and graded, attendance, practice), so the ledger is what the
// site itself would have written, dated in the past.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type Quiz, quizSchema } from '../src/lib/content/quiz-schema.ts';
import { DEFAULT_PROGRAM_SLUG } from '../src/lib/server/cohorts/cohorts.ts';
import { expectedMinutes } from '../src/lib/server/dashboards/pace.ts';
import type { Db } from '../src/lib/server/db.ts';
import { recordFieldPractice } from '../src/lib/server/hours/field-practice.ts';
import { ledgerTotals } from '../src/lib/server/hours/ledger.ts';
import type { HoursPlan } from '../src/lib/server/hours/plan.ts';
import { completeLesson } from '../src/lib/server/progress/engagement.ts';
import {
  getAttempt,
  getQuizStanding,
  gradeEssayResponse,
  saveResponses,
  startAttempt,
  submitAttempt,
} from '../src/lib/server/quizzes/attempts.ts';
import { type PublicResponse, toPublicQuestion } from '../src/lib/server/quizzes/public-view.ts';
import { type AttendanceMark, recordAttendance } from '../src/lib/server/sessions/attendance.ts';
import { scheduleSession } from '../src/lib/server/sessions/schedule.ts';
import { todayInMexico } from '../src/lib/format.ts';
import { answer, seeded } from './seed-demo-quizzes.ts';

const DAY = 24 * 60 * 60 * 1000;

type Profile = 'ahead' | 'on_track' | 'behind' | 'inactive' | 'pending';

/** How far along each demo learner is, by their place in the roster (the last three never signed in). */
export function demoProfile(index: number, count: number): Profile {
  if (index >= count - 3) return 'pending';
  if (index >= 1 && index <= 4) return 'inactive';
  if (index >= 5 && index <= 8) return 'ahead';
  if (index >= 20) return 'behind';
  return 'on_track';
}

const PACE: Record<Exclude<Profile, 'pending'>, number> = { ahead: 1.4, on_track: 1, behind: 0.45, inactive: 0.3 };

interface DemoCohort {
  id: number;
  startsOn: string;
  endsOn: string;
}

/** 17:00 in Mexico City (UTC−6, no daylight saving since 2022) on the given day after `from`. */
function sessionStart(startsOn: string, days: number): Date {
  return new Date(Date.parse(`${startsOn}T23:00:00Z`) + days * DAY);
}

export function seedDemoPace(
  db: Db,
  plan: HoursPlan,
  cohort: DemoCohort,
  people: { instructorId: number; coordinatorId: number; demoInspectorId: number; learnerIds: readonly number[] },
  now = new Date(),
): void {
  const sessions = seedSessions(db, plan, cohort, people.instructorId, now);
  const random = seeded(4242);
  const quizzes = new Map<string, Quiz>();
  const quizOf = (slug: string): Quiz => {
    let quiz = quizzes.get(slug);
    if (!quiz) {
      quiz = quizSchema.parse(parse(readFileSync(`content/modules/${slug}/quiz.yaml`, 'utf8')));
      quizzes.set(slug, quiz);
    }
    return quiz;
  };
  const profiles = people.learnerIds.map((userId, i) => ({ userId, profile: demoProfile(i, people.learnerIds.length) }));

  // Attendance at every session held, as the instructor would have taken it after each one.
  for (const [index, session] of sessions.filter((s) => s.end <= now).entries()) {
    const marks: AttendanceMark[] = [
      { userId: people.demoInspectorId, status: index === 1 ? 'late' : 'present', minutes: index === 1 ? 60 : null },
    ];
    for (const { userId, profile } of profiles) {
      const roll = random();
      if (profile === 'pending') marks.push({ userId, status: 'absent' });
      else if (profile === 'inactive' && session.end.getTime() > now.getTime() - 20 * DAY) marks.push({ userId, status: 'absent' });
      else if (profile === 'behind' && roll < 0.45) marks.push({ userId, status: 'absent' });
      else if (roll < 0.06) marks.push({ userId, status: 'excused', note: 'Comisión de inspección en curso' });
      else if (roll < 0.14) marks.push({ userId, status: 'late', minutes: 60 });
      else if (roll < 0.2) marks.push({ userId, status: 'left_early', minutes: 45 });
      else marks.push({ userId, status: 'present' });
    }
    recordAttendance(db, { sessionId: session.id, actorId: people.instructorId, marks, now: session.end });
  }

  // Study: lessons in path order, each module's quiz once its lessons are done, until the
  // learner's pace is met; practice for those far enough along.
  const startMs = Date.parse(`${cohort.startsOn}T15:00:00Z`);
  for (const { userId, profile } of profiles) {
    if (profile === 'pending') continue;
    const lastDay = now.getTime() - (profile === 'inactive' ? 20 : 1) * DAY;
    const target = expectedMinutes(cohort, plan.totalMinutes, todayInMexico(new Date(lastDay))) * PACE[profile];
    let credited = ledgerTotals(db, userId, DEFAULT_PROGRAM_SLUG).total;
    // Each step is dated by how far it takes the learner toward their target, so the last one
    // falls on their last day of activity.
    const at = () => new Date(startMs + (lastDay - startMs) * Math.min(1, credited / target));
    for (const module of plan.modules) {
      if (credited >= target) break;
      for (const lesson of module.lessons) {
        if (credited >= target) break;
        completeLesson(
          db,
          {
            userId,
            programSlug: DEFAULT_PROGRAM_SLUG,
            moduleSlug: module.slug,
            lessonId: lesson.id,
            minMinutes: 0,
            hours: lesson.minutes / 60,
          },
          at(),
        );
        credited = ledgerTotals(db, userId, DEFAULT_PROGRAM_SLUG).total;
      }
      if (credited >= target) break;
      passQuiz(db, quizOf(module.slug), { userId, moduleSlug: module.slug, cohortId: cohort.id }, people.instructorId, at(), random);
      credited = ledgerTotals(db, userId, DEFAULT_PROGRAM_SLUG).total;
      if (module.number === 4 && profile === 'ahead') {
        recordFieldPractice(db, plan, {
          actorId: people.instructorId,
          userId,
          cohortId: cohort.id,
          moduleSlug: module.slug,
          practicedOn: todayInMexico(at()),
          minutes: 120,
          rubricScore: 85 + Math.round(random() * 10),
          evidenceNote:
            'Acompañó la inspección extraordinaria a un proveedor de arneses; revisó contratos de servicios y el registro REPSE.',
          now: at(),
        });
      }
    }
  }
}

/** A live session per module taught so far, every two weeks, and the next one coming. */
function seedSessions(db: Db, plan: HoursPlan, cohort: DemoCohort, instructorId: number, now: Date) {
  const topics = [
    'Mesa de análisis: el Convenio 81 en la práctica de la inspección',
    'Taller: legitimación de contratos colectivos y voto personal, libre y secreto',
    'Caso guiado: una denuncia del Mecanismo de Respuesta Rápida, paso a paso',
    'Taller: indicios de subcontratación prohibida en la cadena de autopartes',
    'Entrevistas con perspectiva de género: práctica en parejas',
    'Simulacro de inspección extraordinaria y redacción del acta',
  ];
  const created: { id: number; end: Date }[] = [];
  const held = Math.max(0, Math.floor((now.getTime() - Date.parse(`${cohort.startsOn}T00:00:00Z`)) / (14 * DAY)));
  const count = Math.min(topics.length, held + 1);
  for (let i = 0; i < count; i++) {
    const module = plan.modules[i];
    if (!module) break;
    // Past sessions every two weeks from the second week; the last one a few days from now.
    const daysSoon = Math.ceil((now.getTime() - Date.parse(`${cohort.startsOn}T00:00:00Z`)) / DAY) + 4;
    const startsAt = sessionStart(cohort.startsOn, i < count - 1 ? 10 + i * 14 : Math.max(10 + i * 14, daysSoon));
    const inPerson = i % 3 === 2;
    const { id } = scheduleSession(db, {
      cohortId: cohort.id,
      actorId: instructorId,
      moduleSlug: module.slug,
      title: topics[i] as string,
      startsAt,
      durationMinutes: 90,
      mode: inPerson ? 'in_person' : 'virtual',
      location: inPerson
        ? 'Oficina de Representación Federal del Trabajo en Puebla, sala de capacitación'
        : 'https://meet.stps.example.mx/diplomado-centro-bajio',
      now: new Date(Math.min(now.getTime(), startsAt.getTime() - 7 * DAY)),
    });
    created.push({ id, end: new Date(startsAt.getTime() + 90 * 60_000) });
  }
  return created;
}

/** Sends a well-answered attempt (graded at once, its essay by the instructor) unless already passed. */
export function passQuiz(
  db: Db,
  quiz: Quiz,
  ref: { userId: number; moduleSlug: string; cohortId: number },
  instructorId: number,
  at: Date,
  random: () => number,
): void {
  const full = { ...ref, programSlug: DEFAULT_PROGRAM_SLUG };
  const standing = getQuizStanding(db, { ...full, quiz });
  if (standing.passed || standing.attemptsUsed >= standing.attemptsAllowed) return;
  const { attemptId } = startAttempt(db, { ...full, quiz, now: at, random });
  const attempt = getAttempt(db, attemptId);
  if (!attempt) return;
  const questions = new Map(quiz.pools.flatMap((p) => p.questions).map((q) => [q.id, q]));
  const answers: Record<string, PublicResponse> = {};
  for (const slot of attempt.layout.questions) {
    const question = questions.get(slot.id);
    if (question) answers[slot.id] = answer(question, toPublicQuestion(question, slot), random() < 0.92, random);
  }
  saveResponses(db, { attemptId, userId: ref.userId, answers, now: new Date(at.getTime() + 15 * 60_000) });
  submitAttempt(db, { attemptId, userId: ref.userId, now: new Date(at.getTime() + 25 * 60_000) });
  const essay = attempt.layout.questions.map((slot) => questions.get(slot.id)).find((q) => q?.type === 'essay');
  if (essay?.type === 'essay') {
    gradeEssayResponse(db, {
      attemptId,
      questionId: essay.id,
      levels: essay.rubric.map((c) => c.levels.length - 1),
      comment: 'Fundamenta bien y propone medidas proporcionales.',
      actorId: instructorId,
      now: new Date(at.getTime() + DAY),
    });
  }
}
