import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { certificates, hoursLedger, quizRegrades, quizResponses } from '../../db/schema/index.ts';
import { type Quiz, quizSchema } from '../../src/lib/content/quiz-schema.ts';
import { listAuditEntries } from '../../src/lib/server/audit/log.ts';
import { issueCertificate } from '../../src/lib/server/certificates/issue.ts';
import { listCertificatesToReview } from '../../src/lib/server/certificates/regrade-review.ts';
import { revokeCertificate } from '../../src/lib/server/certificates/revoke.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne, withdrawInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getAttempt, gradeEssayResponse, saveResponses, startAttempt, submitAttempt } from '../../src/lib/server/quizzes/attempts.ts';
import { quizVersionHash } from '../../src/lib/server/quizzes/draw.ts';
import { toPublicQuestion } from '../../src/lib/server/quizzes/public-view.ts';
import { regradeQuiz } from '../../src/lib/server/quizzes/regrade.ts';
import { previewRegrade } from '../../src/lib/server/quizzes/regrade-preview.ts';
import { getAttemptRegrade, listRegradedAttemptIds } from '../../src/lib/server/quizzes/regrade-record.ts';
import { completeProgram, fakeArtifacts, loadCertificateContext } from '../certificate-helpers.ts';
import { createTestDb } from '../db.ts';
import { codeOf } from '../domain-error.ts';
import { insertPerson } from '../factories.ts';

/**
 * Issue 16, "Regrading after a key error": a key corrected in quiz.yaml is a new quiz version;
 * regrading grades the attempts of the changed question again with it, moves the hours through
 * new ledger entries, keeps the old grades in the audit log, runs once, and never touches an
 * issued certificate (it flags it for coordination instead).
 */

const context = loadCertificateContext();
const MODULE = '04-subcontratacion-repse';
const sample = quizSchema.parse(parse(readFileSync('tests/fixtures/quizzes/sample.yaml', 'utf8')));
const pool = sample.pools[0] as Quiz['pools'][number];
const question = (id: string) => pool.questions.find((q) => q.id === id) as Quiz['pools'][number]['questions'][number];
const art12 = question('art-12') as Extract<Quiz['pools'][number]['questions'][number], { type: 'single' }>;

/**
 * The quiz as first published, with the key of art-12 wrong ("Art. 15" marked right, worth 2
 * points): one question drawn from {art-12, corto}, plus the numeric one.
 */
const wrongKey: Quiz = {
  ...sample,
  attempts: 3,
  passingScore: 0.7,
  grading: 'highest',
  draw: [
    { pool: 'clave', count: 1 },
    { pool: 'fijas', count: 1 },
  ],
  pools: [
    {
      id: 'clave',
      questions: [{ ...art12, points: 2, options: art12.options.map((o) => ({ ...o, correct: o.id === 'b' })) }, question('corto')],
    },
    { id: 'fijas', questions: [question('multa')] },
  ],
};
/** The corrected quiz: "Art. 12" is the key, as the law says. Nothing else changes. */
const corrected: Quiz = {
  ...wrongKey,
  pools: wrongKey.pools.map((p) =>
    p.id === 'clave'
      ? { ...p, questions: p.questions.map((q) => (q.id === 'art-12' && q.type === 'single' ? { ...q, options: art12.options } : q)) }
      : p,
  ),
};

/** Shuffling with 0.999 keeps every order (art-12 is drawn); with 0 the pool's two questions swap (corto is). */
const DRAW_ART12 = () => 0.999;
const DRAW_CORTO = () => 0;
const t0 = new Date('2026-10-01T16:00:00Z');
const later = new Date('2026-12-02T16:00:00Z');

let db: Db;
let people: { coordinator: number; instructor: number; otherInstructor: number };
let cohortId: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, context.plan);
  people = {
    coordinator: insertPerson(db, { roles: ['coordinator'] }).id,
    instructor: insertPerson(db, { roles: ['instructor'] }).id,
    otherInstructor: insertPerson(db, { roles: ['instructor'] }).id,
  };
  cohortId = insertCohort(db, {
    name: 'G1',
    startsOn: '2026-09-07',
    endsOn: '2027-02-26',
    instructorIds: [people.instructor],
    actorId: null,
  }).id;
  insertCohort(db, { name: 'G2', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [people.otherInstructor], actorId: null });
});

function learner(fullName: string): number {
  const id = insertPerson(db, { fullName }).id;
  enrollInspectorOne(db, { cohortId, userId: id, actorId: null });
  return id;
}

/** Takes and sends an attempt on `quiz`: the option with `choice`'s text for art-12, the right answers elsewhere. */
function takeAttempt(userId: number, quiz: Quiz, random: () => number, choice: 'a' | 'b'): number {
  const { attemptId } = startAttempt(db, {
    userId,
    programSlug: DEFAULT_PROGRAM_SLUG,
    moduleSlug: MODULE,
    quiz,
    cohortId,
    now: t0,
    random,
  });
  const attempt = getAttempt(db, attemptId);
  if (!attempt) throw new Error('no attempt');
  const answers: Record<string, unknown> = {};
  for (const slot of attempt.layout.questions) {
    const q = attempt.quiz.pools.flatMap((p) => p.questions).find((x) => x.id === slot.id);
    if (!q) continue;
    const shown = toPublicQuestion(q, slot);
    if (q.type === 'single' && shown.type === 'single') {
      const text = q.options.find((o) => o.id === choice)?.text;
      answers[slot.id] = { type: 'single', choice: shown.options.find((o) => o.text === text)?.id };
    }
    if (q.type === 'numeric') answers[slot.id] = { type: 'numeric', value: 2000 };
    if (q.type === 'short') answers[slot.id] = { type: 'short', text: 'REPSE' };
  }
  saveResponses(db, { attemptId, userId, answers: answers as never, now: t0 });
  submitAttempt(db, { attemptId, userId, now: t0 });
  return attemptId;
}

const score = (attemptId: number) => getAttempt(db, attemptId)?.score;
const ledger = (userId: number) =>
  db
    .select({ id: hoursLedger.id, minutes: hoursLedger.minutes, reason: hoursLedger.reason, source: hoursLedger.source })
    .from(hoursLedger)
    .where(and(eq(hoursLedger.userId, userId), eq(hoursLedger.moduleSlug, MODULE), eq(hoursLedger.source, 'quiz')))
    .orderBy(asc(hoursLedger.id))
    .all();

/** Three learners: one who passed on the wrong key, one who failed on it, one who never drew the question. */
function threeLearners() {
  const passed = learner('Ana Wrong Pérez');
  const failed = learner('Beto Right Ruiz');
  const untouched = learner('Carla Other Díaz');
  return {
    passed: { id: passed, attempt: takeAttempt(passed, wrongKey, DRAW_ART12, 'b') },
    failed: { id: failed, attempt: takeAttempt(failed, wrongKey, DRAW_ART12, 'a') },
    untouched: { id: untouched, attempt: takeAttempt(untouched, wrongKey, DRAW_CORTO, 'a') },
  };
}

describe('previewRegrade', () => {
  test('shows the attempts of the changed question with their scores and passes before and after, and writes nothing', () => {
    const { passed, failed } = threeLearners();
    expect([score(passed.attempt), score(failed.attempt)]).toEqual([3, 1]);
    const preview = previewRegrade(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator });
    expect(preview.questions).toEqual([expect.objectContaining({ questionId: 'art-12', notRegradable: null, attempts: 2 })]);
    expect(preview.rows.map((r) => [r.fullName, r.attemptNumber, r.scoreBefore, r.scoreAfter, r.passedBefore, r.passedAfter])).toEqual([
      ['Ana Wrong Pérez', 1, 3, 1, true, false],
      ['Beto Right Ruiz', 1, 1, 3, false, true],
    ]);
    expect(preview.rows.map((r) => [r.modulePassedBefore, r.modulePassedAfter])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(db.select().from(quizRegrades).all()).toEqual([]);
    expect(score(passed.attempt)).toBe(3);
  });
});

describe('regradeQuiz', () => {
  test('regrades only the attempts of the changed question, reverses and credits hours with new entries, and audits the old grades', async () => {
    const { passed, failed, untouched } = threeLearners();
    const creditBefore = ledger(passed.id);
    expect(creditBefore.map((e) => e.minutes)).toEqual([60]);
    expect(ledger(failed.id)).toEqual([]);

    const outcome = await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.instructor, now: later });
    expect(outcome).toEqual({ regraded: 2, changed: 2, passesReversed: 1, passesGained: 1 });
    expect([score(passed.attempt), score(failed.attempt), score(untouched.attempt)]).toEqual([1, 3, 2]);

    // A pass that became a fail: the first entry is untouched, a reversal follows it.
    const afterPassed = ledger(passed.id);
    expect(afterPassed[0]).toEqual(creditBefore[0]);
    expect(afterPassed.slice(1).map((e) => [e.minutes, e.reason])).toEqual([
      [-60, 'Recalificación tras corregir la clave: la calificación del módulo dejó de ser aprobatoria.'],
    ]);
    // A fail that became a pass: a new credit.
    expect(ledger(failed.id).map((e) => e.minutes)).toEqual([60]);
    expect(ledger(untouched.id).map((e) => e.minutes)).toEqual([60]);

    // Only art-12's responses carry the new version; the rest keep the grade of their own version.
    const regraded = db
      .select({ attemptId: quizResponses.attemptId, questionId: quizResponses.questionId })
      .from(quizResponses)
      .where(eq(quizResponses.regradedAt, later))
      .all();
    expect(regraded.map((r) => r.questionId)).toEqual(['art-12', 'art-12']);

    const audits = listAuditEntries(db, { action: 'quiz.regraded' }).entries;
    expect(audits).toHaveLength(2);
    const ana = audits.find((a) => a.subjectUserId === passed.id);
    expect(ana?.actorName).toBeTruthy();
    expect(ana?.at).toEqual(later);
    expect(ana?.details).toMatchObject({
      module: MODULE,
      attempt: 1,
      scoreBefore: 3,
      scoreAfter: 1,
      modulePassedBefore: true,
      modulePassedAfter: false,
      questions: [{ question: 'art-12', before: 2, after: 0 }],
    });

    // What the learner's review reads.
    expect(getAttemptRegrade(db, passed.attempt)).toMatchObject({ at: later, scoreBefore: 3, scoreAfter: 1, changed: true });
    expect(getAttemptRegrade(db, passed.attempt)?.questions.get('art-12')).toMatchObject({ before: 2, after: 0 });
    expect(getAttemptRegrade(db, untouched.attempt)).toBeNull();
    expect(listRegradedAttemptIds(db, [passed.attempt, failed.attempt, untouched.attempt])).toEqual(
      new Set([passed.attempt, failed.attempt]),
    );
  });

  test('regrading twice changes nothing the second time', async () => {
    const { passed } = threeLearners();
    await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator, now: later });
    const snapshot = () => ({
      ledger: ledger(passed.id),
      audits: listAuditEntries(db, {}).total,
      regrades: db.select().from(quizRegrades).all(),
      responses: db.select().from(quizResponses).all(),
    });
    const first = snapshot();
    const again = await regradeQuiz(db, {
      moduleSlug: MODULE,
      quiz: corrected,
      actorId: people.coordinator,
      now: new Date(later.getTime() + 60_000),
    });
    expect(again).toEqual({ regraded: 0, changed: 0, passesReversed: 0, passesGained: 0 });
    expect(snapshot()).toEqual(first);
    expect(previewRegrade(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator }).rows).toEqual([]);
  });

  test('a key corrected twice is compared with the last correction; a reworded question moves no grade', async () => {
    const { passed } = threeLearners();
    await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator, now: later });
    const reworded: Quiz = {
      ...corrected,
      pools: corrected.pools.map((p) => ({
        ...p,
        questions: p.questions.map((q) =>
          q.id === 'art-12' ? { ...q, feedback: 'LFT, art. 12: prohíbe la subcontratación de personal.' } : q,
        ),
      })),
    };
    const preview = previewRegrade(db, { moduleSlug: MODULE, quiz: reworded, actorId: people.coordinator });
    expect(preview.rows).toEqual([]);
    expect(preview.unchanged).toBe(2);
    const audits = listAuditEntries(db, { action: 'quiz.regraded' }).total;
    const ledgerBefore = ledger(passed.id);
    expect(
      await regradeQuiz(db, { moduleSlug: MODULE, quiz: reworded, actorId: people.coordinator, now: new Date(later.getTime() + 1) }),
    ).toEqual({
      regraded: 2,
      changed: 0,
      passesReversed: 0,
      passesGained: 0,
    });
    expect(score(passed.attempt)).toBe(1);
    expect(listAuditEntries(db, { action: 'quiz.regraded' }).total).toBe(audits);
    expect(ledger(passed.id)).toEqual(ledgerBefore);
    const rows = db.select().from(quizRegrades).where(eq(quizRegrades.attemptId, passed.attempt)).orderBy(asc(quizRegrades.id)).all();
    expect(rows.map((r) => (JSON.parse(r.questions) as { fromVersion: string }[])[0]?.fromVersion)).toEqual([
      quizVersionHash(wrongKey),
      quizVersionHash(corrected),
    ]);
    // The learner's review still says before 3, after 1: the first grade and the last.
    expect(getAttemptRegrade(db, passed.attempt)).toMatchObject({ at: later, scoreBefore: 3, scoreAfter: 1, changed: true });
    expect(getAttemptRegrade(db, passed.attempt)?.questions.get('art-12')).toMatchObject({ at: later, before: 2, after: 0 });
  });

  test('the database keeps regrades append-only', async () => {
    threeLearners();
    await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator, now: later });
    expect(() => db.update(quizRegrades).set({ scoreAfter: 99 }).run()).toThrow(/append-only/);
    expect(() => db.delete(quizRegrades).run()).toThrow(/append-only/);
  });

  test('an essay keeps its manual grade when its rubric changes', async () => {
    const essayQuiz: Quiz = { ...sample, draw: [{ pool: 'basicos', count: 1 }], pools: [{ ...pool, questions: [question('ensayo')] }] };
    const id = learner('Dora Essay Luna');
    const { attemptId } = startAttempt(db, {
      userId: id,
      programSlug: DEFAULT_PROGRAM_SLUG,
      moduleSlug: MODULE,
      quiz: essayQuiz,
      cohortId,
      now: t0,
    });
    saveResponses(db, { attemptId, userId: id, answers: { ensayo: { type: 'essay', text: 'La subordinación…' } } as never, now: t0 });
    submitAttempt(db, { attemptId, userId: id, now: t0 });
    const essay = question('ensayo') as Extract<Quiz['pools'][number]['questions'][number], { type: 'essay' }>;
    gradeEssayResponse(db, {
      attemptId,
      questionId: 'ensayo',
      levels: essay.rubric.map(() => 1),
      comment: '',
      actorId: people.instructor,
      now: t0,
    });
    const before = score(attemptId);
    const newRubric: Quiz = {
      ...essayQuiz,
      pools: [{ ...pool, questions: [{ ...essay, rubric: essay.rubric.map((c) => ({ ...c, criterion: `${c.criterion} (revisado)` })) }] }],
    };
    const preview = previewRegrade(db, { moduleSlug: MODULE, quiz: newRubric, actorId: people.coordinator });
    expect(preview.questions).toEqual([expect.objectContaining({ questionId: 'ensayo', notRegradable: 'essay' })]);
    expect(preview.rows).toEqual([]);
    expect(await regradeQuiz(db, { moduleSlug: MODULE, quiz: newRubric, actorId: people.coordinator, now: later })).toMatchObject({
      regraded: 0,
    });
    expect(score(attemptId)).toBe(before);
  });

  test('refuses when the quiz changed since the preview', async () => {
    threeLearners();
    const preview = previewRegrade(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator });
    const reworded: Quiz = { ...corrected, title: `${corrected.title} (2)` };
    await expect(
      regradeQuiz(db, { moduleSlug: MODULE, quiz: reworded, actorId: people.coordinator, expectedVersion: preview.version }),
    ).rejects.toMatchObject({ code: 'regrade.versionChanged' });
    expect(db.select().from(quizRegrades).all()).toEqual([]);
  });
});

describe('who may regrade whom', () => {
  test('a learner, an instructor of the cohort, of another cohort, after the learner left, and coordination', async () => {
    const { passed, failed } = threeLearners();
    const seen = (actorId: number) =>
      previewRegrade(db, { moduleSlug: MODULE, quiz: corrected, actorId })
        .rows.map((r) => r.userId)
        .sort();
    expect(codeOf(() => previewRegrade(db, { moduleSlug: MODULE, quiz: corrected, actorId: passed.id }))).toBe('error.forbidden');
    await expect(regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: passed.id })).rejects.toMatchObject({
      code: 'error.forbidden',
    });
    expect(seen(people.instructor)).toEqual([passed.id, failed.id].sort());
    expect(seen(people.otherInstructor)).toEqual([]);
    expect(await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.otherInstructor })).toMatchObject({ regraded: 0 });

    // Ana leaves the cohort: her instructor's rights over her end; coordination keeps them.
    withdrawInspector(db, { cohortId, userId: passed.id, actorId: null });
    expect(seen(people.instructor)).toEqual([failed.id]);
    expect(seen(people.coordinator)).toEqual([passed.id, failed.id].sort());
    expect(await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.instructor, now: later })).toMatchObject({
      regraded: 1,
    });
    expect(score(passed.attempt)).toBe(3);
    expect(await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator, now: later })).toMatchObject({
      regraded: 1,
    });
    expect(score(passed.attempt)).toBe(1);
  });
});

describe('certificates', () => {
  test('an issued certificate stays byte-identical and is flagged when the pass it rests on is reversed', async () => {
    const id = learner('Elena Certified Soto');
    completeProgram(db, context, { userId: id, actorId: people.coordinator, skipQuizzes: [MODULE] });
    takeAttempt(id, wrongKey, DRAW_ART12, 'b');
    const other = learner('Félix Fine Mora');
    completeProgram(db, context, { userId: other, actorId: people.coordinator });
    const issuedAt = new Date('2026-12-01T18:00:00Z');
    for (const userId of [id, other])
      await issueCertificate(db, fakeArtifacts(), context, { cohortId, userId, actorId: people.coordinator, now: issuedAt });
    const rows = () => db.select().from(certificates).orderBy(asc(certificates.id)).all();
    const before = rows();
    expect(before).toHaveLength(2);
    expect(listCertificatesToReview(db, cohortId).size).toBe(0);

    await regradeQuiz(db, { moduleSlug: MODULE, quiz: corrected, actorId: people.coordinator, now: later });

    const after = rows();
    expect(after).toEqual(before);
    expect(Buffer.compare(after[0]?.pdf as Buffer, before[0]?.pdf as Buffer)).toBe(0);
    const flags = listCertificatesToReview(db, cohortId);
    expect([...flags.keys()]).toEqual([before.find((c) => c.userId === id)?.id]);
    const flagged = before.find((c) => c.userId === id)?.id as number;
    expect(flags.get(flagged)).toEqual([{ moduleSlug: MODULE, regradedAt: later }]);

    // Reviewed: once revoked, the certificate is no longer waiting for review.
    await revokeCertificate(db, fakeArtifacts(), {
      certificateId: flagged,
      reason: 'La evaluación del módulo 4 ya no es aprobatoria',
      actorId: people.coordinator,
    });
    expect(listCertificatesToReview(db, cohortId).size).toBe(0);
  });
});
