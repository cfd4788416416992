import type { InspectionScenario, MeasureTiming } from '../../content/inspection-schema.ts';
import type { InspectionState } from './inspection-state.ts';

/** Each part of the rubric, in the order the feedback is shown. */
export const RUBRIC_SECTIONS = ['tipo', 'evidencia', 'debido-proceso', 'confidencialidad', 'hallazgos', 'fundamento', 'medidas'] as const;
export type RubricSection = (typeof RUBRIC_SECTIONS)[number];

export type FeedbackStatus = 'ok' | 'missed' | 'wrong' | 'info';

/** One point of the feedback: what the learner did, what it earned, why, and where to read. */
export interface FeedbackItem {
  section: RubricSection;
  status: FeedbackStatus;
  /** What the point is about (a document, a fact, a measure…), as the learner saw it. */
  subject: string;
  points: number;
  max: number;
  text: string;
  /** A lesson id with optional anchor: "10-practica-integradora/01-…#decisión-…". */
  lesson?: string;
}

export interface InspectionScore {
  score: number;
  maxScore: number;
  /** score / maxScore, 0..1. */
  ratio: number;
  sections: { section: RubricSection; score: number; max: number }[];
  items: FeedbackItem[];
}

/** A submitted attempt at or above this share of the points credits the hour (issue 15). */
export const PASSING_RATIO = 0.6;

/**
 * Scores an attempt against the scenario's rubric, on the server only:
 * - the type of inspection (2 points);
 * - evidence: each key document and key interview requested (1 each);
 * - due process and confidentiality: each sound practice marked (1 each); each bad practice
 *   marked costs 1;
 * - findings: each violation qualified as such (1) with a right legal basis (1); each fact that
 *   complies qualified as complying (1), imputing it costs 1; every distractor article cited
 *   costs 1 (the "mis-cited" penalty);
 * - measures: each expected measure proposed with the right timing (1); proposing one a sound
 *   acta would not costs 1.
 * The total never goes below zero; maxScore is the sum of what can be earned.
 */
export function scoreInspection(s: InspectionScenario, state: InspectionState): InspectionScore {
  const items: FeedbackItem[] = [];
  const push = (i: FeedbackItem) => items.push(i);

  const typeRight = state.type === s.type.correct;
  push({
    section: 'tipo',
    status: typeRight ? 'ok' : 'wrong',
    subject: state.type ? `Inspección ${state.type}` : 'Tipo de inspección sin elegir',
    points: typeRight ? 2 : 0,
    max: 2,
    text: s.type.feedback,
    lesson: s.type.lesson,
  });

  for (const [list, chosen] of [
    [s.documents, state.documents],
    [s.interviews, state.interviews],
  ] as const) {
    for (const d of list) {
      const picked = chosen.includes(d.id);
      if (d.key)
        push({
          section: 'evidencia',
          status: picked ? 'ok' : 'missed',
          subject: d.label,
          points: picked ? 1 : 0,
          max: 1,
          text: d.feedback,
          lesson: d.lesson,
        });
      else if (picked)
        push({ section: 'evidencia', status: 'info', subject: d.label, points: 0, max: 0, text: d.feedback, lesson: d.lesson });
    }
  }

  for (const c of s.checklist) {
    const marked = state.checklist.includes(c.id);
    if (c.expected)
      push({
        section: c.area,
        status: marked ? 'ok' : 'missed',
        subject: c.label,
        points: marked ? 1 : 0,
        max: 1,
        text: c.feedback,
        lesson: c.lesson,
      });
    else if (marked) push({ section: c.area, status: 'wrong', subject: c.label, points: -1, max: 0, text: c.feedback, lesson: c.lesson });
  }

  for (const f of s.facts) {
    const finding = state.findings[f.id] ?? { verdict: '', bases: [] };
    const bases = finding.bases.filter(Boolean);
    if (f.violation) {
      const found = finding.verdict === 'violacion';
      push({
        section: 'hallazgos',
        status: found ? 'ok' : finding.verdict === 'cumple' ? 'wrong' : 'missed',
        subject: f.text,
        points: found ? 1 : 0,
        max: 1,
        text: f.feedback,
        lesson: f.lesson,
      });
      const right = found && bases.some((b) => f.basis.includes(b));
      push({
        section: 'fundamento',
        status: right ? 'ok' : bases.length > 0 ? 'wrong' : 'missed',
        subject: `${f.text} — fundamento: ${bases.length > 0 ? bases.join('; ') : 'ninguno'}`,
        points: right ? 1 : 0,
        max: 1,
        text: `Fundamento correcto: ${f.basis.join('; ')}.`,
        lesson: f.lesson,
      });
    } else {
      const imputed = finding.verdict === 'violacion';
      const right = finding.verdict === 'cumple';
      push({
        section: 'hallazgos',
        status: right ? 'ok' : imputed ? 'wrong' : 'missed',
        subject: f.text,
        points: right ? 1 : imputed ? -1 : 0,
        max: 1,
        text: f.feedback,
        lesson: f.lesson,
      });
    }
    for (const b of bases.filter((x) => f.distractors.includes(x)))
      push({
        section: 'fundamento',
        status: 'wrong',
        subject: `${b} citado para: ${f.text}`,
        points: -1,
        max: 0,
        text: `${b} no es fundamento de este hecho. ${f.feedback}`,
        lesson: f.lesson,
      });
  }

  for (const m of s.measures) {
    const timing: MeasureTiming = state.measures[m.id] ?? 'ninguna';
    if (m.expected !== 'ninguna') {
      const right = timing === m.expected;
      push({
        section: 'medidas',
        status: right ? 'ok' : timing === 'ninguna' ? 'missed' : 'wrong',
        subject: m.label,
        points: right ? 1 : 0,
        max: 1,
        text: m.feedback,
        lesson: m.lesson,
      });
    } else if (timing !== 'ninguna') {
      push({ section: 'medidas', status: 'wrong', subject: m.label, points: -1, max: 0, text: m.feedback, lesson: m.lesson });
    }
  }

  const sections = RUBRIC_SECTIONS.map((section) => {
    const of = items.filter((i) => i.section === section);
    return { section, score: of.reduce((n, i) => n + i.points, 0), max: of.reduce((n, i) => n + i.max, 0) };
  }).filter((x) => x.max > 0 || x.score !== 0);
  const maxScore = items.reduce((n, i) => n + i.max, 0);
  const score = Math.max(
    0,
    items.reduce((n, i) => n + i.points, 0),
  );
  return { score, maxScore, ratio: maxScore > 0 ? score / maxScore : 0, sections, items };
}
