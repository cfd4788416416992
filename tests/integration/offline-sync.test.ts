import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { hoursLedger } from '../../db/schema/index.ts';
import { t } from '../../src/i18n/index.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { loadHoursPlanFromFiles } from '../../src/lib/server/hours/plan-from-files.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { getProgramProgress, recordHeartbeat } from '../../src/lib/server/progress/engagement.ts';
import { type LessonAuthorizer, OFFLINE_MAX_AGE_DAYS, syncOfflineProgress } from '../../src/lib/server/progress/offline-sync.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const M1 = '01-fundamentos-inspeccion';
const LESSON = `${M1}/01-funcion-de-la-inspeccion`;
const OTHER = `${M1}/02-convenio-81-y-buenas-practicas`;
const LOCKED = '02-reforma-laboral-2019/01-de-las-juntas-a-los-tribunales';
const t0 = new Date('2026-11-23T15:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The learner's path as requireLearnerLesson sees it: two lessons of module 1, module 2 locked. */
const lessonFor: LessonAuthorizer = (lessonId) => {
  if (lessonId === LOCKED) throw new DomainError('progress.locked', {}, 'forbidden');
  if (lessonId !== LESSON && lessonId !== OTHER) throw new DomainError('progress.notAvailable', {}, 'forbidden');
  return { programSlug: DEFAULT_PROGRAM_SLUG, module: { slug: M1 }, lesson: { title: `Lección ${lessonId}`, minMinutes: 2, hours: 1 } };
};

let db: Db;
let learner: number;

beforeEach(() => {
  db = createTestDb();
  syncHourBudgets(db, loadHoursPlanFromFiles());
  learner = insertPerson(db).id;
  const cohortId = insertCohort(db, { name: 'G1', startsOn: '2026-09-07', endsOn: '2027-02-26', instructorIds: [], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
});

/** A phone's queue: a beat every 30 s from `from` to `to` seconds. */
function beatsEvery30s(lessonId: string, from: number, to: number) {
  const beats = [];
  for (let s = from; s <= to; s += 30) beats.push({ lessonId, at: at(s) });
  return beats;
}

function sync(beats: { lessonId: string; at: Date }[], completions: { lessonId: string }[], now: Date, queueUserId = learner) {
  return syncOfflineProgress(db, { userId: learner, queueUserId, beats, completions, lessonFor }, now);
}

const engaged = (lessonId: string) => getProgramProgress(db, learner, DEFAULT_PROGRAM_SLUG).get(lessonId)?.engagedSeconds ?? 0;
const lessonEntries = (lessonId: string) =>
  db
    .select({ minutes: hoursLedger.minutes })
    .from(hoursLedger)
    .where(and(eq(hoursLedger.userId, learner), eq(hoursLedger.ref, lessonId)))
    .all();

describe('syncOfflineProgress', () => {
  test('late beats are credited at most the time that really passed, even from a clock running ahead', () => {
    // The phone's clock runs ten minutes ahead: it says it studied from 600 s to 1,200 s.
    const answer = sync(beatsEvery30s(LESSON, 600, 1200), [], at(120));
    // Its beats count as now (120 s): the first starts the clock, nothing else is credited.
    expect(engaged(LESSON)).toBe(0);
    expect(answer.items[0]?.creditedSeconds).toBe(0);
    // An honest queue of five minutes, sent 10 s after its last beat, credits those five minutes.
    const honest = sync(beatsEvery30s(LESSON, 900, 1200), [], at(1210));
    expect(engaged(LESSON)).toBeLessThanOrEqual(1210 - 120);
    expect(honest.items[0]?.creditedSeconds).toBe(engaged(LESSON));
    expect(honest.summary).toContain(t('offline.sync.credited', { minutes: 5, seconds: 0 }));
  });

  test('a replayed batch (its answer lost on the way back) credits nothing more', () => {
    const beats = beatsEvery30s(LESSON, 0, 300);
    expect(sync(beats, [], at(310)).items[0]?.creditedSeconds).toBe(300);
    const replay = sync(beats, [], at(400));
    expect(replay.items[0]?.creditedSeconds).toBe(0);
    expect(engaged(LESSON)).toBe(300);
    expect(replay.summary).toBe(t('offline.sync.nothing'));
  });

  test('offline beats overlapping time already credited online earn nothing twice', () => {
    recordHeartbeat(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, lessonId: OTHER }, at(0));
    recordHeartbeat(db, { userId: learner, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug: M1, lessonId: OTHER }, at(30));
    sync(beatsEvery30s(LESSON, 0, 60), [], at(70));
    expect(engaged(OTHER) + engaged(LESSON)).toBe(60);
  });

  test("beats for a lesson outside the learner's path, or of a locked module, are refused and credit nothing", () => {
    const answer = sync([...beatsEvery30s('99-otro/leccion', 0, 300), ...beatsEvery30s(LOCKED, 0, 300)], [{ lessonId: LOCKED }], at(310));
    expect(answer.items).toEqual([
      expect.objectContaining({ lessonId: '99-otro/leccion', creditedSeconds: 0, refused: t('progress.notAvailable'), title: null }),
      expect.objectContaining({ lessonId: LOCKED, creditedSeconds: 0, refused: t('progress.locked'), completion: null }),
    ]);
    expect(engaged(LOCKED)).toBe(0);
    expect(answer.summary).toContain(t('offline.sync.refused', { title: LOCKED, reason: t('progress.locked') }));
  });

  test('a completion with enough offline time is accepted once and credits the ledger once', () => {
    const beats = beatsEvery30s(LESSON, 0, 150);
    const first = sync(beats, [{ lessonId: LESSON }], at(160));
    expect(first.items[0]?.completion).toEqual({ accepted: true, already: false, creditedMinutes: 60 });
    expect(first.summary).toContain(t('offline.sync.completed', { title: `Lección ${LESSON}` }));
    const replay = sync(beats, [{ lessonId: LESSON }, { lessonId: LESSON }], at(200));
    expect(replay.items[0]?.completion).toEqual({ accepted: true, already: true, creditedMinutes: 0 });
    expect(lessonEntries(LESSON)).toEqual([{ minutes: 60 }]);
  });

  test('a completion without enough engaged time is refused with the usual message', () => {
    const answer = sync(beatsEvery30s(LESSON, 0, 60), [{ lessonId: LESSON }], at(70));
    const reason = t('progress.notEnoughTime.one', { remaining: 1, required: 2 });
    expect(answer.items[0]?.completion).toEqual({ accepted: false, reason });
    expect(lessonEntries(LESSON)).toEqual([]);
  });

  test("another user's queue (a shared phone) is refused and nothing is credited", () => {
    const colleague = insertPerson(db).id;
    expect(() => sync(beatsEvery30s(LESSON, 0, 300), [{ lessonId: LESSON }], at(310), colleague)).toThrow(
      expect.objectContaining({ code: 'offline.sync.wrongUser' }),
    );
    expect(engaged(LESSON)).toBe(0);
  });

  test(`beats older than ${OFFLINE_MAX_AGE_DAYS} days are not credited, and the answer says so`, () => {
    const now = at(OFFLINE_MAX_AGE_DAYS * 86_400 + 400);
    const answer = sync(beatsEvery30s(LESSON, 0, 300), [], now);
    expect(engaged(LESSON)).toBe(0);
    expect(answer.staleBeats).toBe(11);
    expect(answer.summary).toContain(t('offline.sync.stale', { days: OFFLINE_MAX_AGE_DAYS }));
  });
});
