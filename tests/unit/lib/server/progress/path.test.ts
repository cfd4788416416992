import { describe, expect, test } from 'vitest';
import { computeStandings, type PathModule, visibleLessons } from '../../../../../src/lib/server/progress/path.ts';

const modules: PathModule[] = [
  {
    slug: 'm1',
    hours: 4,
    prerequisites: [],
    lessons: [
      { id: 'm1/a', hours: 2, draft: false },
      { id: 'm1/b', hours: 2, draft: false },
      { id: 'm1/borrador', hours: 1, draft: true },
    ],
  },
  { slug: 'm2', hours: 2, prerequisites: ['m1'], lessons: [{ id: 'm2/a', hours: 2, draft: false }] },
  { slug: 'm3', hours: 2, prerequisites: ['m1', 'm2'], lessons: [{ id: 'm3/a', hours: 2, draft: false }] },
];
const done = (...ids: string[]) => new Map(ids.map((id) => [id, { completedAt: new Date() }]));

describe('computeStandings', () => {
  test('locks a module until its prerequisites are complete, naming what is missing', () => {
    const standings = computeStandings(modules, done('m1/a'));
    expect(standings.get('m1')).toMatchObject({ locked: false, complete: false, completedLessons: 1, totalLessons: 2 });
    expect(standings.get('m2')).toMatchObject({ locked: true, missing: ['m1'] });
    expect(standings.get('m3')).toMatchObject({ locked: true, missing: ['m1', 'm2'] });
  });

  test('unlocks the next module once every published lesson is complete; drafts do not count', () => {
    const standings = computeStandings(modules, done('m1/a', 'm1/b'));
    expect(standings.get('m1')).toMatchObject({ complete: true, completedHours: 4, totalHours: 4 });
    expect(standings.get('m2')).toMatchObject({ locked: false, missing: [] });
    expect(standings.get('m3')).toMatchObject({ locked: true, missing: ['m2'] });
  });

  test('a module with a quiz is complete only once the quiz is passed too', () => {
    const lessonsDone = done('m1/a', 'm1/b');
    expect(computeStandings(modules, lessonsDone, new Map([['m1', false]])).get('m1')).toMatchObject({
      complete: false,
      quizPassed: false,
    });
    expect(computeStandings(modules, lessonsDone, new Map([['m1', false]])).get('m2')).toMatchObject({ locked: true, missing: ['m1'] });
    expect(computeStandings(modules, lessonsDone, new Map([['m1', true]])).get('m2')).toMatchObject({ locked: false });
    expect(computeStandings(modules, done('m1/a'), new Map([['m1', true]])).get('m1')?.complete).toBe(false);
    expect(computeStandings(modules, lessonsDone).get('m1')).toMatchObject({ complete: true, quizPassed: null });
  });

  test('a module with no published lessons is never complete, so it cannot unlock others by accident', () => {
    const empty: PathModule[] = [
      { slug: 'x', hours: 1, prerequisites: [], lessons: [] },
      { slug: 'y', hours: 1, prerequisites: ['x'], lessons: [] },
    ];
    expect(computeStandings(empty, done()).get('y')?.locked).toBe(true);
  });
});

describe('visibleLessons', () => {
  test('learners never see drafts; staff do', () => {
    expect(visibleLessons(modules[0]?.lessons ?? [], false).map((l) => l.id)).toEqual(['m1/a', 'm1/b']);
    expect(visibleLessons(modules[0]?.lessons ?? [], true)).toHaveLength(3);
  });
});
