import { describe, expect, test } from 'vitest';
import {
  type CaseStep,
  type CaseSteps,
  pickStepValues,
  validateCaseFile,
  validateCaseStep,
} from '../../../../../src/lib/server/practice/case-file-rules.ts';
import { validCase } from '../../../../practice-fixtures.ts';

function issuesOf(step: CaseStep, patch: Record<string, string | undefined>, steps: CaseSteps = validCase()) {
  const values = { ...steps[step], ...patch } as Record<string, string>;
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete values[k];
  return validateCaseStep(step, values, steps).map((i) => [i.field, i.key]);
}

describe('validateCaseFile', () => {
  test('passes a complete, valid practice case', () => {
    expect(validateCaseFile(validCase())).toEqual([]);
  });
  test('names each step still missing', () => {
    const { orden } = validCase();
    expect(validateCaseFile({ orden }).map((r) => r.step)).toEqual(['visita', 'acta', 'emplazamiento', 'comprobacion', 'sancion']);
  });
});

describe('pickStepValues', () => {
  test('keeps only the step’s own fields, trimmed', () => {
    expect(pickStepValues('visita', { visitDate: ' 2026-03-05 ', orderDate: '2020-01-01', x: 'y' })).toEqual({ visitDate: '2026-03-05' });
  });
});

describe('step 1: orden de inspección', () => {
  test('requires the type, origin, date, subjects and a motivation (CPEUM art. 16)', () => {
    expect(validateCaseStep('orden', {}, {}).map((i) => i.field)).toEqual([
      'inspectionType',
      'origin',
      'orderDate',
      'subjects',
      'motivation',
    ]);
    expect(issuesOf('orden', { motivation: 'Programa' })).toEqual([['motivation', 'practice.case.rule.motivation']]);
  });
  test('an extraordinary inspection needs a complaint or a superiors’ requirement (LFT art. 542, fr. III)', () => {
    expect(issuesOf('orden', { inspectionType: 'extraordinaria' })).toEqual([['origin', 'practice.case.rule.extraordinaryOrigin']]);
    expect(issuesOf('orden', { origin: 'denuncia' })).toEqual([['origin', 'practice.case.rule.ordinaryOrigin']]);
    expect(
      issuesOf('orden', { inspectionType: 'extraordinaria', origin: 'denuncia', noticeTerm: undefined, noticeBasis: undefined }),
    ).toEqual([]);
  });
  test('the notice period of an ordinary inspection is stated and justified, not assumed (RGITAS unverified)', () => {
    expect(issuesOf('orden', { noticeTerm: undefined, noticeBasis: 'RGITAS' })).toEqual([
      ['noticeTerm', 'practice.case.required'],
      ['noticeBasis', 'practice.case.rule.noticeUnverified'],
    ]);
  });
  test('rejects a date that is not one', () => {
    expect(issuesOf('orden', { orderDate: '2026-02-31x' })).toEqual([['orderDate', 'practice.case.invalidDate']]);
  });
});

describe('step 2: visita', () => {
  test('the visit cannot precede the order', () => {
    expect(issuesOf('visita', { visitDate: '2026-03-01', noticeDate: '2026-03-01' })).toEqual([
      ['visitDate', 'practice.case.rule.visitAfterOrder'],
      ['noticeDate', 'practice.case.rule.noticeAfterOrder'],
    ]);
  });
  test('an ordinary inspection’s notice comes before the visit', () => {
    expect(issuesOf('visita', { noticeDate: '2026-03-06' })).toEqual([['noticeDate', 'practice.case.rule.noticeBeforeVisit']]);
    expect(issuesOf('visita', { noticeDate: undefined })).toEqual([['noticeDate', 'practice.case.required']]);
  });
  test('requires the credential (LFT art. 542, fr. I) and working hours (art. 541, fr. II)', () => {
    expect(issuesOf('visita', { credentialShown: undefined, workingHours: undefined })).toEqual([
      ['credentialShown', 'practice.case.rule.credential'],
      ['workingHours', 'practice.case.rule.workingHours'],
    ]);
  });
});

describe('step 3: acta', () => {
  test('is levantada at or after the visit, with both parties and a copy (LFT art. 542, fr. IV)', () => {
    expect(issuesOf('acta', { actaDate: '2026-03-04', workersIntervened: undefined, copyDelivered: undefined })).toEqual([
      ['actaDate', 'practice.case.rule.actaAfterVisit'],
      ['workersIntervened', 'practice.case.rule.actaIntervention'],
      ['copyDelivered', 'practice.case.rule.actaCopy'],
    ]);
  });
  test('each finding cites an article', () => {
    expect(issuesOf('acta', { finding2: 'Sin PTU', finding2Basis: 'la ley' })).toEqual([
      ['finding2Basis', 'practice.case.rule.basisCitesArticle'],
    ]);
    expect(issuesOf('acta', { finding1: undefined })).toEqual([['finding1', 'practice.case.rule.findingRequired']]);
  });
  test('the term to state what suits the employer is justified (RGITAS unverified)', () => {
    expect(issuesOf('acta', { statementBasis: 'cinco días' })).toEqual([['statementBasis', 'practice.case.rule.statementUnverified']]);
  });
});

describe('step 4: emplazamiento', () => {
  test('follows the acta and is notified on or after its date', () => {
    expect(issuesOf('emplazamiento', { emplazamientoDate: '2026-03-04', notifiedOn: '2026-03-03' })).toEqual([
      ['emplazamientoDate', 'practice.case.rule.emplazamientoAfterActa'],
      ['notifiedOn', 'practice.case.rule.noticeOfEmplazamiento'],
    ]);
  });
  test('every measure has a basis and a deadline after the notice', () => {
    expect(issuesOf('emplazamiento', { measure1Deadline: '2026-03-11', measure2: 'Pagar PTU', measure2Basis: 'LFT, art. 15' })).toEqual([
      ['measure1Deadline', 'practice.case.rule.deadlineAfterNotice'],
      ['measure2Deadline', 'practice.case.rule.deadlineRequired'],
    ]);
  });
  test('an immediate measure needs prior consultation and a report within 24 hours (LFT art. 541, fr. VI Bis)', () => {
    const patch = { measure1Immediate: 'on', measure1Deadline: undefined };
    expect(issuesOf('emplazamiento', { ...patch, immediateReportDate: '2026-03-07' })).toEqual([
      ['immediateConsulted', 'practice.case.rule.immediateConsulted'],
      ['immediateReportDate', 'practice.case.rule.immediateReport24h'],
    ]);
    expect(issuesOf('emplazamiento', { ...patch, immediateConsulted: 'on', immediateReportDate: '2026-03-06' })).toEqual([]);
  });
  test('the terms set are justified (RGITAS unverified)', () => {
    expect(issuesOf('emplazamiento', { termBasis: undefined })).toEqual([['termBasis', 'practice.case.rule.termUnverified']]);
  });
});

describe('step 5: visita de comprobación', () => {
  test('comes after the last deadline (LFT art. 512-D) and records a result per measure', () => {
    expect(issuesOf('comprobacion', { verificationDate: '2026-04-30', result1: undefined })).toEqual([
      ['verificationDate', 'practice.case.rule.verificationAfterDeadline'],
      ['result1', 'practice.case.required'],
    ]);
  });
});

describe('step 6: sanción', () => {
  test('is imposed after hearing the employer (LFT art. 1009)', () => {
    expect(issuesOf('sancion', { resolutionDate: '2026-05-19' })).toEqual([
      ['resolutionDate', 'practice.case.rule.resolutionAfterHearing'],
    ]);
    expect(issuesOf('sancion', { hearingDate: '2026-03-01' })).toEqual([['hearingDate', 'practice.case.rule.hearingAfterActa']]);
  });
  test('keeps the fine within the cited article’s range', () => {
    expect(validateCaseStep('sancion', { ...validCase().sancion, fineUma: '1500' }, validCase())).toEqual([
      { field: 'fineUma', key: 'practice.case.rule.fineRange', params: { min: 2000, max: 50000, cite: 'LFT, art. 1004-C' } },
    ]);
    expect(issuesOf('sancion', { fineArticle: '994-VII', fineUma: '2600' })).toEqual([['fineUma', 'practice.case.rule.fineRange']]);
  });
  test('explains the individualization (LFT art. 992, fr. I–V)', () => {
    expect(issuesOf('sancion', { criteria: 'grave' })).toEqual([['criteria', 'practice.case.rule.criteria']]);
  });
  test('recidivism needs a prior acta within two years and doubles the previous fine (LFT art. 992)', () => {
    const recidivism = { recidivism: 'on', fineUma: '6000', priorFineUma: '3000' };
    expect(issuesOf('sancion', { ...recidivism, priorActaDate: '2024-03-06' })).toEqual([]);
    expect(issuesOf('sancion', { ...recidivism, priorActaDate: '2024-03-04' })).toEqual([
      ['priorActaDate', 'practice.case.rule.recidivismWindow'],
    ]);
    expect(issuesOf('sancion', { ...recidivism, priorActaDate: '2025-01-10', fineUma: '5000' })).toEqual([
      ['fineUma', 'practice.case.rule.recidivismDouble'],
    ]);
  });
});
