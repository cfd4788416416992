// The demo's finished cohort (issue 14): four inspectors who completed the 120 hours the way the
// site records them — lessons, quizzes, live sessions and supervised practice, dated within the
// cohort — so that certificates can be shown issued, revoked, replaced by a reissue, and one
// eligible but not yet issued. The hours are seeded with the demo (synchronously); the
// certificates afterwards (`issueDemoCertificates`), since rendering and signing are asynchronous.
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { cohorts, users } from '../db/schema/index.ts';
import { buildSearchText } from '../src/lib/server/accounts/create-account.ts';
import { buildSortKey } from '../src/lib/server/accounts/sort-key.ts';
import { programSchema } from '../src/lib/content/schemas.ts';
import { type Quiz, quizSchema } from '../src/lib/content/quiz-schema.ts';
import { getCertificateArtifacts } from '../src/lib/server/certificates/server-artifacts.ts';
import { contentFolderHash } from '../src/lib/server/certificates/content-hash.ts';
import { issueCertificate } from '../src/lib/server/certificates/issue.ts';
import { reissueCertificate, revokeCertificate } from '../src/lib/server/certificates/revoke.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../src/lib/server/db.ts';
import { enrollInspector } from '../src/lib/server/enrollment/enroll.ts';
import { recordFieldPractice } from '../src/lib/server/hours/field-practice.ts';
import type { HoursPlan } from '../src/lib/server/hours/plan.ts';
import { completeLesson } from '../src/lib/server/progress/engagement.ts';
import { recordAttendance } from '../src/lib/server/sessions/attendance.ts';
import { scheduleSession } from '../src/lib/server/sessions/schedule.ts';
import { loadStandingContext } from '../tests/standing-context.ts';
import { insertPerson } from '../tests/factories.ts';
import { todayInMexico } from '../src/lib/format.ts';
import { passQuiz } from './seed-demo-pace.ts';
import { seeded } from './seed-demo-quizzes.ts';

export const GRADUATES_COHORT = 'Generación 2026-1 · Centro-Bajío';
const STARTS = '2026-02-02';
const ENDS = '2026-07-17';
const DAY = 24 * 60 * 60 * 1000;

const GRADUATES = [
  { fullName: 'Mariana Tlapanco Ibáñez', state: 'Puebla' },
  { fullName: 'Rodrigo Ñeco Valdés', state: 'San Luis Potosí' },
  { fullName: 'Maria Guadalupe Xochitiotzin Pérez', state: 'Puebla' },
  { fullName: 'Citlalli Zúñiga Mondragón', state: 'Estado de México' },
] as const;

/** Seeds the finished cohort and its four graduates' work; returns its id. Runs inside the demo seed. */
export function seedDemoGraduates(
  db: Db,
  plan: HoursPlan,
  people: { instructorId: number; coordinatorId: number; passwordHash: string },
): number {
  const { id: cohortId } = insertCohort(db, {
    name: GRADUATES_COHORT,
    startsOn: STARTS,
    endsOn: ENDS,
    instructorIds: [people.instructorId],
    actorId: people.coordinatorId,
    now: new Date(`${STARTS}T12:00:00Z`),
  });
  const ids = GRADUATES.map((g, i) => {
    const { id } = insertPerson(db, { ...g, roles: ['inspector'], passwordHash: people.passwordHash }, 700 + i);
    enrollInspector(db, { cohortId, userId: id, actorId: people.coordinatorId, now: new Date(`${STARTS}T12:00:00Z`) });
    return id;
  });
  const start = Date.parse(`${STARTS}T15:00:00Z`);
  const span = Date.parse(`${ENDS}T15:00:00Z`) - start - 7 * DAY;
  const random = seeded(2026);
  plan.modules.forEach((module, m) => {
    const moduleStart = start + (span * m) / plan.modules.length;
    const quiz: Quiz = quizSchema.parse(parse(readFileSync(`content/modules/${module.slug}/quiz.yaml`, 'utf8')));
    // One live session per module, as long as the module's live budget; everyone attended.
    if (module.budget.live > 0) {
      const startsAt = new Date(moduleStart + 5 * DAY + 8 * 60 * 60 * 1000);
      const { id: sessionId } = scheduleSession(db, {
        cohortId,
        actorId: people.instructorId,
        moduleSlug: module.slug,
        title: `Sesión del módulo ${module.number}: ${module.title}`,
        startsAt,
        durationMinutes: module.budget.live,
        mode: 'virtual',
        location: 'https://meet.stps.example.mx/diplomado-2026-1',
        now: new Date(startsAt.getTime() - 7 * DAY),
      });
      recordAttendance(db, {
        sessionId,
        actorId: people.instructorId,
        marks: ids.map((userId) => ({ userId, status: 'present' as const })),
        now: new Date(startsAt.getTime() + module.budget.live * 60_000),
      });
    }
    for (const [g, userId] of ids.entries()) {
      module.lessons.forEach((lesson, l) => {
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
          new Date(moduleStart + (l + 1) * DAY + g * 60 * 60 * 1000),
        );
      });
      // Up to the quiz's attempts: each try skips itself once the module is passed.
      for (let n = 0; n < quiz.attempts; n++) {
        passQuiz(
          db,
          quiz,
          { userId, moduleSlug: module.slug, cohortId },
          people.instructorId,
          new Date(moduleStart + (9 + n) * DAY),
          random,
        );
      }
      if (module.budget.practice > 0) {
        const on = new Date(moduleStart + 10 * DAY);
        recordFieldPractice(db, plan, {
          actorId: people.instructorId,
          userId,
          cohortId,
          moduleSlug: module.slug,
          practicedOn: todayInMexico(on),
          minutes: module.budget.practice,
          rubricScore: 80 + Math.round(random() * 15),
          evidenceNote: `Práctica supervisada del módulo ${module.number}: acompañó una visita de inspección y redactó el acta de práctica.`,
          now: on,
        });
      }
    }
  });
  return cohortId;
}

/**
 * Issues the graduates' certificates after the seed: the first holds hers; the second's was
 * revoked; the third's was reissued after her name was corrected (María with its accent); the
 * fourth is eligible and waits for the coordinator. `origin` is where the demo serves (the QR's target).
 */
export async function issueDemoCertificates(db: Db, coordinatorId: number, origin: string): Promise<void> {
  const program = programSchema.parse(parse(readFileSync('content/program.yaml', 'utf8')));
  const context = { ...loadStandingContext(), program, contentHash: contentFolderHash(), origin };
  const artifacts = await getCertificateArtifacts();
  const cohortId = db.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.name, GRADUATES_COHORT)).get()?.id;
  if (cohortId === undefined) return;
  const idOf = (fullName: string) => db.select({ id: users.id }).from(users).where(eq(users.fullName, fullName)).get()?.id as number;
  const issuedAt = new Date(`${ENDS}T18:00:00Z`);
  const [holder, revoked, corrected] = GRADUATES.map((g) => idOf(g.fullName));
  await issueCertificate(db, artifacts, context, { cohortId, userId: holder as number, actorId: coordinatorId, now: issuedAt });
  const second = await issueCertificate(db, artifacts, context, {
    cohortId,
    userId: revoked as number,
    actorId: coordinatorId,
    now: issuedAt,
  });
  await revokeCertificate(db, artifacts, {
    certificateId: second.id,
    reason: 'Se detectó que una práctica de campo se registró dos veces; se emitirá de nuevo al verificar el expediente.',
    actorId: coordinatorId,
    now: new Date(issuedAt.getTime() + 20 * DAY),
  });
  const third = await issueCertificate(db, artifacts, context, {
    cohortId,
    userId: corrected as number,
    actorId: coordinatorId,
    now: issuedAt,
  });
  const fullName = 'María Guadalupe Xochitiotzin Pérez';
  const person = db
    .select()
    .from(users)
    .where(eq(users.id, corrected as number))
    .get();
  if (!person) return;
  db.update(users)
    .set({
      fullName,
      searchText: buildSearchText({ ...person, fullName }),
      sortKey: buildSortKey(fullName),
      updatedAt: new Date(issuedAt.getTime() + 5 * DAY),
    })
    .where(eq(users.id, person.id))
    .run();
  await reissueCertificate(db, artifacts, context, {
    certificateId: third.id,
    actorId: coordinatorId,
    now: new Date(issuedAt.getTime() + 6 * DAY),
  });
}
