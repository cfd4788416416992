import { createHash } from 'node:crypto';
import type { KpiDataset } from './kpi-data.ts';
import { type KpiFilters, kpiByOffice } from './kpi-metrics.ts';

/**
 * The "Leer los indicadores" exercise (issue 15): questions about the practice dashboard. The
 * answer keys are computed here from the same fictional data the dashboard shows, so the two
 * never disagree; they leave the server only inside the feedback of a submitted attempt.
 */

export const KPI_EXERCISE_SLUG = 'leer-indicadores';

interface NumericQuestion {
  id: string;
  kind: 'numeric';
  prompt: string;
  unit: string;
  /** Where to look on the dashboard (the filters to apply). */
  hint: string;
  tolerance: number;
  decimals: number;
  answer: (dataset: KpiDataset) => number;
  explanation: string;
}

interface ChoiceQuestion {
  id: string;
  kind: 'choice';
  prompt: string;
  options: { id: string; text: string }[];
  correct: (dataset: KpiDataset) => string;
  explanation: string;
}

type KpiQuestion = NumericQuestion | ChoiceQuestion;

/** What the browser may see before submission: no answers, no tolerances, no explanations. */
export type PublicKpiQuestion =
  | { id: string; kind: 'numeric'; prompt: string; unit: string; hint: string }
  | { id: string; kind: 'choice'; prompt: string; options: { id: string; text: string }[] };

export interface KpiQuestionFeedback {
  id: string;
  correct: boolean;
  given: string;
  expected: string;
  explanation: string;
}

export interface KpiScore {
  score: number;
  maxScore: number;
  feedback: KpiQuestionFeedback[];
}

const YEAR: KpiFilters = { office: null, from: '2025-01', to: '2025-12' };

function officeRow(dataset: KpiDataset, filters: KpiFilters, office: string) {
  const row = kpiByOffice(dataset, { ...filters, office }).find((r) => r.office === office);
  if (!row) throw new Error(`The KPI dataset has no office "${office}"`);
  return row;
}

const QUESTIONS: KpiQuestion[] = [
  {
    id: 'mediana-slp',
    kind: 'numeric',
    prompt: '¿Cuál es la mediana de días para cerrar de la Oficina de Representación en San Luis Potosí en todo 2025?',
    unit: 'días',
    hint: 'Filtre por la oficina de San Luis Potosí, de enero a diciembre de 2025, y lea la tabla por oficina.',
    tolerance: 2,
    decimals: 1,
    answer: (d) => officeRow(d, YEAR, 'slp').medianDaysToClose ?? 0,
    explanation:
      'La mediana se calcula sólo sobre los casos cerrados en el periodo: la mitad tardó menos y la mitad más. Los casos que siguen abiertos no entran en ella.',
  },
  {
    id: 'violaciones-edomex',
    kind: 'numeric',
    prompt: '¿Cuántas violaciones por visita registró la Oficina de Representación en el Estado de México en 2025?',
    unit: 'violaciones por visita',
    hint: 'Filtre por la oficina del Estado de México, de enero a diciembre de 2025.',
    tolerance: 0.1,
    decimals: 2,
    answer: (d) => officeRow(d, YEAR, 'edomex').violationsPerVisit ?? 0,
    explanation:
      'Es el total de violaciones asentadas en las actas de los casos abiertos en el periodo, dividido entre el total de visitas de esos casos.',
  },
  {
    id: 'remediacion-puebla-s2',
    kind: 'numeric',
    prompt: '¿Qué tasa de remediación tuvo la Oficina de Representación en Puebla de julio a diciembre de 2025?',
    unit: '%',
    hint: 'Filtre por la oficina de Puebla, de julio a diciembre de 2025.',
    tolerance: 2,
    decimals: 1,
    answer: (d) => 100 * (officeRow(d, { office: null, from: '2025-07', to: '2025-12' }, 'puebla').remediationRate ?? 0),
    explanation:
      'Medidas comprobadas como cumplidas entre medidas cuyo plazo venció, de los casos abiertos en el periodo, expresado en por ciento.',
  },
  {
    id: 'mejor-remediacion',
    kind: 'choice',
    prompt: '¿Qué oficina mejoró más su tasa de remediación del primer semestre (enero–junio) al segundo (julio–diciembre) de 2025?',
    options: [
      { id: 'edomex', text: 'Estado de México' },
      { id: 'puebla', text: 'Puebla' },
      { id: 'slp', text: 'San Luis Potosí' },
      { id: 'ninguna', text: 'Ninguna cambió de forma apreciable' },
    ],
    correct: (d) => {
      const change = d.offices.map((o) => ({
        id: o.id,
        delta:
          (officeRow(d, { office: null, from: '2025-07', to: '2025-12' }, o.id).remediationRate ?? 0) -
          (officeRow(d, { office: null, from: '2025-01', to: '2025-06' }, o.id).remediationRate ?? 0),
      }));
      const best = change.reduce((a, b) => (b.delta > a.delta ? b : a));
      return best.delta < 0.05 ? 'ninguna' : best.id;
    },
    explanation:
      'Compare la misma oficina en dos periodos con el filtro de meses. Antes de atribuir la mejora a un cambio de práctica, pregunte si cambió el denominador: cuántas medidas vencieron y si todas se comprobaron.',
  },
  {
    id: 'que-oculta-la-mediana',
    kind: 'choice',
    prompt: 'San Luis Potosí tiene la mediana de días para cerrar más baja de las tres oficinas. ¿Qué puede ocultar esa cifra?',
    options: [
      {
        id: 'rezago',
        text: 'Los casos que siguen abiertos: no cuentan en la mediana, y su antigüedad puede crecer mientras la mediana mejora.',
      },
      { id: 'eficiencia', text: 'Nada: una mediana baja prueba que la oficina es la más eficiente.' },
      { id: 'promedio', text: 'Que el promedio sería todavía más bajo, porque la mediana exagera los casos largos.' },
      { id: 'violaciones', text: 'Que la oficina encontró menos violaciones, porque los casos sin violaciones se cierran más rápido.' },
    ],
    correct: () => 'rezago',
    explanation:
      'La mediana de cierre sólo mira casos cerrados. Acompáñela siempre de los casos abiertos y de su antigüedad: en San Luis Potosí una parte grande de los casos del año sigue abierta al cierre del periodo.',
  },
  {
    id: 'violaciones-por-visita',
    kind: 'choice',
    prompt: 'El Estado de México registra más violaciones por visita que las otras oficinas. ¿Qué conclusión es sostenible?',
    options: [
      { id: 'productividad', text: 'Sus inspectores trabajan mejor y merecen un reconocimiento individual.' },
      {
        id: 'seleccion',
        text: 'Depende de a quién se eligió visitar y de cómo se registran las violaciones; no mide la productividad individual.',
      },
      { id: 'peores', text: 'Las empresas del Estado de México incumplen más que las de otros estados.' },
      { id: 'error', text: 'Es un error de captura, porque ninguna oficina puede superar dos violaciones por visita.' },
    ],
    correct: () => 'seleccion',
    explanation:
      'Violaciones por visita responde «cuánto incumplimiento encontramos donde miramos»: si la focalización elige a las empresas de mayor riesgo, la cifra sube sin que el estado entero incumpla más.',
  },
];

/** The questions as the form shows them. */
export function getPublicKpiQuestions(): PublicKpiQuestion[] {
  return QUESTIONS.map((q) =>
    q.kind === 'numeric'
      ? { id: q.id, kind: q.kind, prompt: q.prompt, unit: q.unit, hint: q.hint }
      : { id: q.id, kind: q.kind, prompt: q.prompt, options: q.options },
  );
}

/** The exercise's content hash: questions and data. Stored with each attempt (exerciseVersion). */
export function kpiExerciseVersion(dataset: KpiDataset): string {
  const questions = QUESTIONS.map((q) => ({ ...q, key: q.kind === 'numeric' ? q.answer(dataset) : q.correct(dataset) }));
  return createHash('sha256')
    .update(JSON.stringify({ questions, cases: dataset.cases }))
    .digest('hex')
    .slice(0, 16);
}

/** Reads a number as a person types it in es-MX: "71.5", "71,5" or "71.5 %". */
export function parseAnswerNumber(raw: string): number | null {
  const cleaned = raw.trim().replace(/\s|%/g, '').replace(',', '.');
  if (cleaned === '' || !/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

const formatNumber = (value: number, decimals: number): string =>
  value.toLocaleString('es-MX', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });

/** Scores the answers (question id → what was typed or chosen): one point per question. */
export function scoreKpiAnswers(dataset: KpiDataset, answers: Record<string, string>): KpiScore {
  const feedback = QUESTIONS.map((q): KpiQuestionFeedback => {
    const given = (answers[q.id] ?? '').trim();
    if (q.kind === 'numeric') {
      const expected = q.answer(dataset);
      const value = parseAnswerNumber(given);
      return {
        id: q.id,
        correct: value !== null && Math.abs(value - expected) <= q.tolerance + 1e-9,
        given,
        expected: `${formatNumber(expected, q.decimals)} ${q.unit} (± ${formatNumber(q.tolerance, 2)})`,
        explanation: q.explanation,
      };
    }
    const correct = q.correct(dataset);
    const text = (id: string) => q.options.find((o) => o.id === id)?.text ?? '';
    return { id: q.id, correct: given === correct, given: text(given), expected: text(correct), explanation: q.explanation };
  });
  return { score: feedback.filter((f) => f.correct).length, maxScore: QUESTIONS.length, feedback };
}
