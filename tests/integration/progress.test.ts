import { beforeEach, describe, expect, test } from 'vitest';
import type { Db } from '../../src/lib/server/db.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
  completeLesson,
  getProgramProgress,
  HEARTBEAT_MAX_GAP_S,
  recordHeartbeat,
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
      completeLesson(db, { ...ref, minMinutes: 2 }, at(61));
      throw new Error('expected refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).params).toEqual({ remaining: 1, required: 2 });
    }
    for (let s = 90; s <= 120; s += 30) recordHeartbeat(db, ref, at(s));
    expect(completeLesson(db, { ...ref, minMinutes: 2 }, at(121)).completedAt).toEqual(at(121));
  });

  test('completing twice keeps the first completion', () => {
    completeLesson(db, { ...ref, minMinutes: 0 }, at(0));
    expect(completeLesson(db, { ...ref, minMinutes: 0 }, at(99)).completedAt).toEqual(at(0));
  });

  test('a lesson never opened cannot be completed when it requires time', () => {
    expect(() => completeLesson(db, { ...ref, minMinutes: 1 })).toThrow(DomainError);
  });
});
