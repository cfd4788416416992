import { describe, expect, test } from 'vitest';
import { checkRanking, scoreRanking } from '../../src/lib/server/tools/risk-ranking.ts';
import { getRiskData, referenceRanking, scoreEmployer } from '../../src/lib/server/tools/risk-reference.ts';
import { codeOf } from '../domain-error.ts';

const reference = referenceRanking();
const top = reference.slice(0, 10).map((r) => r.employer.id);
const outside = reference.slice(10).map((r) => r.employer.id);

describe('the risk data', () => {
  test('about 40 fictional employers in the three states', () => {
    const data = getRiskData();
    expect(data.fictional).toBe(true);
    expect(data.employers.length).toBe(40);
    expect(new Set(data.employers.map((e) => e.state))).toEqual(new Set(['Estado de México', 'Puebla', 'San Luis Potosí']));
  });

  test('the reference ranking is stable and sorted by score', () => {
    expect(referenceRanking().map((r) => r.employer.id)).toEqual(reference.map((r) => r.employer.id));
    for (let i = 1; i < reference.length; i++) expect(reference[i - 1]!.score).toBeGreaterThanOrEqual(reference[i]!.score);
  });

  test('no complaints where reprisals are reported still counts as risk', () => {
    const silenced = getRiskData().employers.find((e) => e.retaliationSignals && e.complaints12m === 0)!;
    expect(scoreEmployer(silenced).find((s) => s.signal === 'retaliation')?.points).toBe(10);
  });
});

describe('scoring a ranking', () => {
  test('the reference top 10 in any order scores 55 of 55', () => {
    expect(scoreRanking([...top].reverse(), reference)).toMatchObject({ points: 55, max: 55, percent: 100, missed: [] });
  });

  test('each reference employer found earns 11 minus its reference position', () => {
    const picks = [top[0]!, top[9]!, ...outside.slice(0, 8)];
    const result = scoreRanking(picks, reference);
    expect(result.points).toBe(10 + 1);
    expect(result.percent).toBe(20);
    expect(result.picks[0]).toMatchObject({ earned: 10, referencePosition: 1 });
    expect(result.picks[2]).toMatchObject({ earned: 0 });
    expect(result.missed.map((m) => m.position)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('none of the reference scores 0, and the missed are all ten', () => {
    const result = scoreRanking(outside.slice(0, 10), reference);
    expect(result.points).toBe(0);
    expect(result.missed).toHaveLength(10);
  });

  test('checks ten different employers, each justified', () => {
    const good = top.map((employerId) => ({ employerId, justification: 'Denuncias y subcontratación alta' }));
    expect(codeOf(() => checkRanking(good))).toBeUndefined();
    expect(codeOf(() => checkRanking([{ ...good[0]!, employerId: '' }, ...good.slice(1)]))).toBe('ranking.missing');
    expect(codeOf(() => checkRanking([{ ...good[0]!, employerId: 'E99' }, ...good.slice(1)]))).toBe('ranking.unknown');
    expect(codeOf(() => checkRanking([{ ...good[0]!, justification: 'corta' }, ...good.slice(1)]))).toBe('ranking.justification.short');
    expect(codeOf(() => checkRanking([good[0]!, good[0]!, ...good.slice(2)]))).toBe('ranking.duplicate');
  });
});
