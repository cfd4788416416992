import { describe, expect, test } from 'vitest';
import { type Beat, creditBeats, HEARTBEAT_MAX_GAP_S } from '../../../../../src/lib/server/progress/wall-clock.ts';

const t0 = new Date('2026-11-23T15:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const beat = (lessonId: string, seconds: number): Beat => ({ lessonId, at: at(seconds) });
const total = (credits: Map<string, number>) => [...credits.values()].reduce((sum, s) => sum + s, 0);

describe('creditBeats', () => {
  test('one tab beating every 30 s is credited the real time between beats', () => {
    const beats = [0, 30, 60, 90].map((s) => beat('a', s));
    const { credits, clock } = creditBeats(null, beats, at(90));
    expect(credits).toEqual(new Map([['a', 90]]));
    expect(clock).toEqual(at(90));
  });

  test('four tabs beating every 30 s are credited, together, the wall time that passed', () => {
    // Each tab beats every 30 s, the four a few seconds apart, for ten minutes.
    const beats: Beat[] = [];
    for (let s = 0; s <= 600; s += 30) for (const [i, lesson] of ['a', 'b', 'c', 'd'].entries()) beats.push(beat(lesson, s + i * 7));
    const { credits } = creditBeats(null, beats, at(700));
    expect(total(credits)).toBe(600 + 3 * 7);
    for (const lesson of ['a', 'b', 'c', 'd']) expect(credits.get(lesson)).toBeGreaterThan(0);
  });

  test('four tabs beating at the same instant credit that instant once', () => {
    const beats = ['a', 'b', 'c', 'd'].flatMap((lesson) => [beat(lesson, 0), beat(lesson, 24)]);
    expect(total(creditBeats(null, beats, at(24)).credits)).toBe(24);
  });

  test('takes beats in time order, whatever order they arrive in', () => {
    const { credits, clock } = creditBeats(null, [beat('a', 60), beat('a', 0), beat('b', 30)], at(60));
    expect(credits).toEqual(
      new Map([
        ['b', 30],
        ['a', 30],
      ]),
    );
    expect(clock).toEqual(at(60));
  });

  test('a duplicate beat credits nothing', () => {
    expect(creditBeats(null, [beat('a', 0), beat('a', 30), beat('a', 30)], at(30)).credits).toEqual(new Map([['a', 30]]));
  });

  test('a beat at or before the clock credits nothing and never moves the clock back', () => {
    const { credits, clock } = creditBeats(at(100), [beat('a', 40), beat('b', 70), beat('a', 100)], at(200));
    expect(credits.size).toBe(0);
    expect(clock).toEqual(at(100));
  });

  test('a beat from the future counts as now, so offline time is credited only up to the time that passed', () => {
    // A phone whose clock runs ten minutes ahead sends its beats late: only 20 s really passed.
    const { credits, clock } = creditBeats(at(0), [beat('a', 600), beat('a', 630), beat('a', 660)], at(20));
    expect(credits).toEqual(new Map([['a', 20]]));
    expect(clock).toEqual(at(20));
  });

  test('an offline batch is credited by the same rule as live beats, gaps included', () => {
    // Beats every 30 s for two minutes, then the phone slept for ten minutes, then two more beats.
    const offline = [0, 30, 60, 90, 120, 720, 750].map((s) => beat('a', s));
    const { credits, clock } = creditBeats(at(0), offline, at(3600));
    expect(credits).toEqual(new Map([['a', 150]]));
    expect(clock).toEqual(at(750));
  });

  test(`a gap longer than ${HEARTBEAT_MAX_GAP_S} s credits nothing and restarts the clock`, () => {
    const { credits, clock } = creditBeats(at(0), [beat('a', HEARTBEAT_MAX_GAP_S + 1)], at(999));
    expect(credits.size).toBe(0);
    expect(clock).toEqual(at(HEARTBEAT_MAX_GAP_S + 1));
  });

  test('the first beat a learner ever sends only starts the clock', () => {
    const { credits, clock } = creditBeats(null, [beat('a', 5)], at(5));
    expect(credits.size).toBe(0);
    expect(clock).toEqual(at(5));
  });

  test('credits whole seconds and keeps the remainder for the next beat', () => {
    const beats: Beat[] = [0, 1.5, 3, 4.5, 6].map((s) => beat('a', s));
    const { credits, clock } = creditBeats(null, beats, at(6));
    expect(credits.get('a')).toBe(6);
    expect(clock).toEqual(at(6));
  });

  test('ignores a beat whose instant is not a date', () => {
    const { credits } = creditBeats(at(0), [{ lessonId: 'a', at: new Date(Number.NaN) }, beat('a', 10)], at(10));
    expect(credits).toEqual(new Map([['a', 10]]));
  });
});
