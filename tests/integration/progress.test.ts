import { beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/connection.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
  completeLesson,
  getProgramProgress,
  HEARTBEAT_MAX_GAP_S,
  recordHeartbeat,
  recordHeartbeats,
  recordLessonOpened,
} from '../../src/lib/server/progress/engagement.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

let db: Db;
let ref: { userId: number; programSlug: string; moduleSlug: string; lessonId: string };
const t0 = new Date('2026-11-23T15:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

beforeEach(() => {
  db = createTestDb();
  ref = { userId: insertPerson(db).id, programSlug: 'diplomado-inspeccion-federal', moduleSlug: 'm1', lessonId: 'm1/leccion' };
});

describe('engaged time', () => {
  test('credits the real time between heartbeats 30 s apart', () => {
    recordHeartbeat(db, ref, at(0));
    recordHeartbeat(db, ref, at(30));
    expect(recordHeartbeat(db, ref, at(60))).toBe(60);
  });

  test('the first heartbeat after a long gap (hidden tab, idle) credits nothing and restarts the clock', () => {
    recordHeartbeat(db, ref, at(0));
    recordHeartbeat(db, ref, at(30));
    expect(recordHeartbeat(db, ref, at(30 + HEARTBEAT_MAX_GAP_S + 600))).toBe(30);
    expect(recordHeartbeat(db, ref, at(30 + HEARTBEAT_MAX_GAP_S + 630))).toBe(60);
  });

  test('sending heartbeats faster never credits more than the time that passed', () => {
    recordHeartbeat(db, ref, at(0));
    for (let s = 1; s <= 10; s++) recordHeartbeat(db, ref, at(s));
    expect(getProgramProgress(db, ref.userId, ref.programSlug).get(ref.lessonId)?.engagedSeconds).toBe(10);
  });

  test('beats to four lessons at once credit in total no more than the time that passed', () => {
    const lessons = ['a', 'b', 'c', 'd'].map((l) => ({ ...ref, lessonId: `m1/${l}` }));
    // Four tabs, each beating every 30 s, interleaved a few seconds apart, for ten minutes.
    for (let s = 0; s <= 600; s += 30) {
      for (const [i, lesson] of lessons.entries()) recordHeartbeat(db, lesson, at(s + i * 5));
    }
    const progress = getProgramProgress(db, ref.userId, ref.programSlug);
    const credited = lessons.reduce((sum, l) => sum + (progress.get(l.lessonId)?.engagedSeconds ?? 0), 0);
    // From the first beat (0 s) to the last (600 s + 3 × 5 s): 615 s of wall time.
    expect(credited).toBe(615);
  });

  test("two connections (two server processes, two devices) share the learner's one clock", () => {
    const other = openDatabase(db.$client.name);
    const phone = { ...ref, lessonId: 'm1/otra' };
    recordHeartbeat(db, ref, at(0));
    recordHeartbeat(other, phone, at(0));
    recordHeartbeat(db, ref, at(30));
    recordHeartbeat(other, phone, at(30));
    const progress = getProgramProgress(db, ref.userId, ref.programSlug);
    expect((progress.get(ref.lessonId)?.engagedSeconds ?? 0) + (progress.get(phone.lessonId)?.engagedSeconds ?? 0)).toBe(30);
    other.$client.close();
  });

  test("another learner's beats never move this learner's clock", () => {
    const colleague = { ...ref, userId: insertPerson(db).id };
    recordHeartbeat(db, ref, at(0));
    recordHeartbeat(db, colleague, at(10));
    recordHeartbeat(db, colleague, at(20));
    expect(recordHeartbeat(db, ref, at(30))).toBe(30);
  });

  test('a batch of beats sent after being offline is credited by the same rule, up to the time that passed', () => {
    const lesson = { programSlug: ref.programSlug, moduleSlug: ref.moduleSlug, lessonId: ref.lessonId };
    recordHeartbeat(db, ref, at(0));
    // The phone recorded a beat every 30 s for two minutes while offline, and sends them at once.
    const offline = [30, 60, 90, 120].map((s) => ({ ...lesson, at: at(s) }));
    expect(recordHeartbeats(db, ref.userId, [...offline, ...offline], at(130)).get(ref.lessonId)).toBe(120);
    // Sending the same batch again credits nothing more.
    expect(recordHeartbeats(db, ref.userId, offline, at(140)).get(ref.lessonId)).toBe(120);
    // A phone whose clock runs five minutes ahead: its beats count as now, 30 s after the last one.
    const ahead = [450, 480].map((s) => ({ ...lesson, at: at(s) }));
    expect(recordHeartbeats(db, ref.userId, ahead, at(150)).get(ref.lessonId)).toBe(150);
  });

  test('opening a lesson twice keeps the first opening', () => {
    recordLessonOpened(db, ref, at(0));
    recordLessonOpened(db, ref, at(500));
    expect(getProgramProgress(db, ref.userId, ref.programSlug).get(ref.lessonId)?.openedAt).toEqual(at(0));
  });
});

describe('completeLesson', () => {
  test('is refused until the minimum engaged minutes are reached, saying how many remain', () => {
    recordHeartbeat(db, ref, at(0));
    for (let s = 30; s <= 60; s += 30) recordHeartbeat(db, ref, at(s));
    try {
      completeLesson(db, { ...ref, minMinutes: 2, hours: 1 }, at(61));
      throw new Error('expected refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).params).toEqual({ remaining: 1, required: 2 });
      // "falta 1 min", not "faltan 1 min".
      expect((error as DomainError).code).toBe('progress.notEnoughTime.one');
    }
    for (let s = 90; s <= 120; s += 30) recordHeartbeat(db, ref, at(s));
    expect(completeLesson(db, { ...ref, minMinutes: 2, hours: 1 }, at(121)).completedAt).toEqual(at(121));
  });

  test('completing twice keeps the first completion', () => {
    completeLesson(db, { ...ref, minMinutes: 0, hours: 1 }, at(0));
    expect(completeLesson(db, { ...ref, minMinutes: 0, hours: 1 }, at(99)).completedAt).toEqual(at(0));
  });

  test('a lesson never opened cannot be completed when it requires time', () => {
    expect(() => completeLesson(db, { ...ref, minMinutes: 1, hours: 1 })).toThrow(DomainError);
  });
});
