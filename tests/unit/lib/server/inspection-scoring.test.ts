import { describe, expect, test } from 'vitest';
import type { InspectionScenario } from '../../../../src/lib/content/inspection-schema.ts';
import { articleOptions, loadInspectionsFromDir } from '../../../../src/lib/server/practice/inspection-content.ts';
import { PASSING_RATIO, scoreInspection } from '../../../../src/lib/server/practice/inspection-scoring.ts';
import { applyStepForm, emptyInspectionState, type InspectionState } from '../../../../src/lib/server/practice/inspection-state.ts';

const inspections = loadInspectionsFromDir();
const byslug = (slug: string) => inspections.find((i) => i.scenario.slug === slug)?.scenario as InspectionScenario;

/** What a learner who follows the rubric to the letter would choose. */
function perfect(s: InspectionScenario): InspectionState {
  return {
    ...emptyInspectionState(),
    type: s.type.correct,
    documents: s.documents.filter((d) => d.key).map((d) => d.id),
    interviews: s.interviews.filter((d) => d.key).map((d) => d.id),
    checklist: s.checklist.filter((c) => c.expected).map((c) => c.id),
    findings: Object.fromEntries(s.facts.map((f) => [f.id, { verdict: f.violation ? 'violacion' : 'cumple', bases: f.basis.slice(0, 1) }])),
    measures: Object.fromEntries(s.measures.map((m) => [m.id, m.expected])),
  };
}

describe('the three scenarios', () => {
  test('are the fictional plants of module 10, in order', () => {
    expect(inspections.map((i) => i.scenario.slug)).toEqual(['arneses-lerma', 'troquelados-cholula', 'inyectados-del-altiplano']);
    for (const { scenario, version } of inspections) {
      expect(scenario.fictional).toBe(true);
      expect(scenario.employer).toMatch(/ficticia/);
      expect(version).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  test('follow the law where the syllabus slipped: art. 12 (not 14) for personnel subcontracting; 1002 (not 994 VI) for the CBA copy', () => {
    const a = byslug('arneses-lerma').facts.find((f) => f.id === 'personal-a-disposicion');
    expect(a?.basis).toEqual(['LFT, art. 12']);
    expect(a?.distractors).toContain('LFT, art. 14');
    const b = byslug('troquelados-cholula').facts.find((f) => f.id === 'sin-ejemplar');
    expect(b?.basis).toEqual(['LFT, art. 132, fr. XXX']);
    expect(b?.distractors).toContain('LFT, art. 994, fr. VI');
  });
});

describe.each(inspections.map((i) => [i.scenario.slug, i.scenario] as const))('scoring %s', (_slug, s) => {
  test('a complete, correct attempt earns every point', () => {
    const result = scoreInspection(s, perfect(s));
    expect(result.score).toBe(result.maxScore);
    expect(result.ratio).toBe(1);
    expect(result.items.every((i) => i.status === 'ok' || i.status === 'info')).toBe(true);
    // Every point of feedback explains itself and links to a lesson.
    expect(result.items.every((i) => i.text.length > 10 && i.lesson)).toBe(true);
  });

  test('an empty attempt earns nothing and every expected point is reported as missed', () => {
    const result = scoreInspection(s, emptyInspectionState());
    expect(result.score).toBe(0);
    expect(result.maxScore).toBeGreaterThan(20);
    expect(result.items.filter((i) => i.max > 0).every((i) => i.status !== 'ok')).toBe(true);
  });

  test('a partial attempt (type and findings only, without bases) lands between, below the pass mark', () => {
    const state = perfect(s);
    const partial: InspectionState = {
      ...emptyInspectionState(),
      type: state.type,
      findings: Object.fromEntries(Object.entries(state.findings).map(([k, v]) => [k, { ...v, bases: [] }])),
    };
    const result = scoreInspection(s, partial);
    expect(result.score).toBe(2 + s.facts.length);
    expect(result.ratio).toBeLessThan(PASSING_RATIO);
    expect(result.items.filter((i) => i.section === 'fundamento').every((i) => i.status === 'missed')).toBe(true);
  });

  test('a wrong legal basis loses the basis point but keeps the finding', () => {
    const state = perfect(s);
    const fact = s.facts.find((f) => f.violation) as InspectionScenario['facts'][number];
    const wrong = articleOptions(s).find((a) => !fact.basis.includes(a.value) && !fact.distractors.includes(a.value))?.value as string;
    state.findings[fact.id] = { verdict: 'violacion', bases: [wrong] };
    const result = scoreInspection(s, state);
    expect(result.score).toBe(result.maxScore - 1);
    const item = result.items.find((i) => i.section === 'fundamento' && i.subject.startsWith(fact.text));
    expect(item).toMatchObject({ status: 'wrong', points: 0 });
    expect(item?.text).toContain(fact.basis[0]);
  });

  test('citing a distractor is penalised even next to the right basis', () => {
    const state = perfect(s);
    const fact = s.facts.find((f) => f.violation && f.distractors.length > 0) as InspectionScenario['facts'][number];
    state.findings[fact.id] = { verdict: 'violacion', bases: [fact.basis[0] as string, fact.distractors[0] as string] };
    const result = scoreInspection(s, state);
    expect(result.score).toBe(result.maxScore - 1);
    expect(result.items.find((i) => i.points === -1)?.subject).toContain(fact.distractors[0]);
  });

  test('imputing a fact that complies, a bad practice and a needless measure each cost a point', () => {
    const state = perfect(s);
    const complies = s.facts.find((f) => !f.violation) as InspectionScenario['facts'][number];
    state.findings[complies.id] = { verdict: 'violacion', bases: [] };
    const bad = s.checklist.find((c) => !c.expected) as InspectionScenario['checklist'][number];
    state.checklist.push(bad.id);
    const needless = s.measures.find((m) => m.expected === 'ninguna') as InspectionScenario['measures'][number];
    state.measures[needless.id] = 'emplazamiento';
    const result = scoreInspection(s, state);
    // The compliant fact loses its point (1) and is penalised (1); the bad practice and the measure 1 each.
    expect(result.score).toBe(result.maxScore - 4);
    expect(result.items.filter((i) => i.status === 'wrong').map((i) => i.section)).toEqual(
      expect.arrayContaining([bad.area, 'hallazgos', 'medidas']),
    );
  });

  test('the wrong type of inspection costs its two points', () => {
    const state = perfect(s);
    state.type = s.type.correct === 'ordinaria' ? 'extraordinaria' : 'ordinaria';
    expect(scoreInspection(s, state).score).toBe(scoreInspection(s, perfect(s)).maxScore - 2);
  });
});

describe('applying a step form', () => {
  const s = byslug('arneses-lerma');
  test('keeps only the ids and articles the scenario offers', () => {
    const form = new FormData();
    form.append('documents', 'nomina');
    form.append('documents', 'inventado');
    expect(applyStepForm(s, emptyInspectionState(), 'documentos', form).documents).toEqual(['nomina']);
    const findings = new FormData();
    findings.append('fact', 'personal-a-disposicion');
    findings.append('verdict', 'violacion');
    findings.append('basis1', 'LFT, art. 12');
    findings.append('basis2', 'LFT, art. 999');
    expect(applyStepForm(s, emptyInspectionState(), 'hallazgos', findings).findings['personal-a-disposicion']).toEqual({
      verdict: 'violacion',
      bases: ['LFT, art. 12'],
    });
  });

  test('asks for a type in Spanish', () => {
    expect(() => applyStepForm(s, emptyInspectionState(), 'tipo', new FormData())).toThrow(/inspection.chooseType/);
  });

  test('offers one list of articles for every fact, the bases hidden among distractors', () => {
    const options = articleOptions(s).map((o) => o.value);
    for (const f of s.facts) for (const c of [...f.basis, ...f.distractors]) expect(options).toContain(c);
    expect(articleOptions(s)[0]?.label).toMatch(/^LFT, art\. /);
  });
});
