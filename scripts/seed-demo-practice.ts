// Demo practice inspections (issue 15): a complete attempt that earned its hour (with an
// instructor's comment), partial ones below the pass mark and one in progress, so instructors see
// results, feedback, comments and learners' choices.
// The demo inspector has none: they can start each exercise at once. Everything goes through the
// engine the site uses, so scores, feedback and ledger entries are what the site would write.
import type { InspectionScenario } from '../src/lib/content/inspection-schema.ts';
import { DEFAULT_PROGRAM_SLUG } from '../src/lib/server/cohorts/cohorts.ts';
import type { Db } from '../src/lib/server/db.ts';
import { reviewPracticeAttempt } from '../src/lib/server/practice/attempt-review.ts';
import { saveInspectionStep, startInspection, submitInspection } from '../src/lib/server/practice/inspection.ts';
import { type LoadedInspection, loadInspectionsFromDir } from '../src/lib/server/practice/inspection-content.ts';

const DAY = 24 * 60 * 60 * 1000;

type Quality = 'complete' | 'partial';

/** The forms a learner would post, step by step: all right, or about half. */
function stepForms(s: InspectionScenario, quality: Quality): [string, FormData][] {
  const form = (entries: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of entries) f.append(k, v);
    return f;
  };
  const half = <T>(items: T[]) => (quality === 'complete' ? items : items.filter((_, i) => i % 2 === 0));
  return [
    ['tipo', form([['type', s.type.correct]])],
    ['documentos', form(half(s.documents.filter((d) => d.key)).map((d) => ['documents', d.id]))],
    ['entrevistas', form(half(s.interviews.filter((d) => d.key)).map((d) => ['interviews', d.id]))],
    ['lista', form(half(s.checklist.filter((c) => c.expected)).map((c) => ['checklist', c.id]))],
    [
      'hallazgos',
      form(
        s.facts.flatMap((f, i) => {
          const right = quality === 'complete' || i % 2 === 0;
          // A partial attempt qualifies every other fact and, for one, cites a distractor.
          const basis = right ? (f.basis[0] ?? '') : (f.distractors[0] ?? '');
          return [
            ['fact', f.id],
            ['verdict', right ? (f.violation ? 'violacion' : 'cumple') : ''],
            ['basis1', basis],
            ['basis2', ''],
          ] as [string, string][];
        }),
      ),
    ],
    [
      'medidas',
      form(
        s.measures.flatMap(
          (m) =>
            [
              ['measure', m.id],
              ['timing', quality === 'complete' ? m.expected : 'ninguna'],
            ] as [string, string][],
        ),
      ),
    ],
  ];
}

function play(db: Db, userId: number, inspection: LoadedInspection, quality: Quality | 'in_progress', at: Date): number {
  const attempt = startInspection(db, { userId, programSlug: DEFAULT_PROGRAM_SLUG, inspection, now: at });
  const forms = stepForms(inspection.scenario, quality === 'in_progress' ? 'complete' : quality);
  // An attempt in progress stops after the interviews: the learner resumes at the checklist.
  for (const [step, form] of quality === 'in_progress' ? forms.slice(0, 3) : forms)
    saveInspectionStep(db, { userId, attemptId: attempt.id, scenario: inspection.scenario, step, go: 'next', form, now: at });
  if (quality !== 'in_progress')
    submitInspection(db, {
      userId,
      attemptId: attempt.id,
      inspection,
      programSlug: DEFAULT_PROGRAM_SLUG,
      now: new Date(at.getTime() + 40 * 60 * 1000),
    });
  return attempt.id;
}

/**
 * `learnerIds` are the demo cohort's learners in roster order (the demo inspector excluded); the
 * ones used are among those seedDemoPace makes "ahead" (5–8) and "on track" (9), so practice adds
 * to learners already well into the program and no pace changes class. With `instructorId`, that
 * instructor comments on the complete attempt.
 */
export function seedDemoInspections(db: Db, learnerIds: readonly number[], now = new Date(), instructorId?: number): void {
  const [lerma, cholula, altiplano] = loadInspectionsFromDir();
  if (!lerma || !cholula || !altiplano) return;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [a, b, c] = [learnerIds[5], learnerIds[6], learnerIds[9]];
  if (a !== undefined) {
    const complete = play(db, a, lerma, 'complete', ago(3));
    if (instructorId !== undefined)
      reviewPracticeAttempt(db, {
        reviewerId: instructorId,
        attemptId: complete,
        kind: 'inspection',
        comment:
          'Muy bien: pidió los contratos y consultó el padrón REPSE antes de entrevistar. En el acta distinga el registro de la contratista (LFT, art. 15) de la responsabilidad solidaria de la beneficiaria (LFT, art. 14, segundo párrafo).',
        now: ago(2),
      });
    play(db, a, cholula, 'partial', ago(2));
  }
  if (b !== undefined) play(db, b, lerma, 'partial', ago(2));
  if (c !== undefined) play(db, c, altiplano, 'in_progress', ago(1));
}
