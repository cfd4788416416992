import { placeholderRubric } from './bank-import.ts';
import {
  asArray,
  asString,
  child,
  childText,
  commonFormat,
  inFormat,
  isBlank,
  type MoodleText,
  QuestionAssets,
  readText,
  type TextFormat,
  type XmlNode,
} from './moodle-xml-text.ts';

/**
 * One `<question>` of a Moodle XML bank in Aula's terms, type by type, following what Moodle's
 * own importer reads (question/format/xml/format.php, import_multichoice() and siblings). The
 * result is a plain object that the caller validates with the quiz schema.
 */

/** Why a Moodle type has no Aula equivalent, said to the instructor. */
const UNSUPPORTED: Record<string, string> = {
  calculated:
    'las preguntas calculadas generan valores al azar con comodines {x}; Aula no tiene un equivalente: conviértala en numérica con valores fijos',
  calculatedsimple: 'las preguntas calculadas simples generan valores al azar con comodines {x}; conviértala en numérica con valores fijos',
  calculatedmulti: 'las preguntas calculadas de opción múltiple generan valores al azar; conviértala en opción múltiple con valores fijos',
  multianswer: 'las preguntas Cloze (respuestas incrustadas) no tienen equivalente en Aula: divídala en preguntas separadas',
  randomsamatch: 'el emparejamiento aleatorio toma preguntas de respuesta corta del banco al azar: arme un emparejamiento con pares fijos',
  random: 'una pregunta aleatoria es una regla de Moodle, no una pregunta: use los bancos y el sorteo (draw) de la evaluación',
  ddimageortext: 'arrastrar y soltar sobre una imagen no tiene equivalente en Aula',
  ddmarker: 'arrastrar marcadores sobre una imagen no tiene equivalente en Aula',
};

/** Moodle's default penalty per wrong try (only used in its interactive modes). */
const DEFAULT_PENALTY: Record<string, number> = { truefalse: 1, essay: 0, description: 0 };
const DEFAULT_PENALTY_OTHERS = 0.3333333;

/** The combined feedback texts Moodle fills in by itself, in English and Spanish: no note for these. */
const STANDARD_COMBINED = /^(your answer is (partially )?(correct|incorrect)\.?|respuesta (parcialmente )?(correcta|incorrecta)\.?)$/i;

export type ConvertedQuestion =
  | { ok: true; question: Record<string, unknown>; notes: string[]; assets: { path: string; bytes: Uint8Array }[] }
  | { ok: false; reason: string; notes: string[] };

/** A formatted text waiting for the question's common format. */
class Rich {
  readonly value: MoodleText;
  constructor(value: MoodleText) {
    this.value = value;
  }
}

const fraction = (node: XmlNode): number => Math.round(Number(asString(node['@_fraction']) || '0') * 1e5) / 1e7;
const optionId = (index: number): string => (index < 26 ? String.fromCharCode(97 + index) : `o${index + 1}`);

export function convertMoodleQuestion(node: XmlNode, id: string): ConvertedQuestion {
  const type = asString(node['@_type']);
  const notes: string[] = [];
  const unsupported = UNSUPPORTED[type];
  if (unsupported) return { ok: false, reason: unsupported, notes };

  const assets = new QuestionAssets(id);
  const missing = new Set<string>();
  const texts: MoodleText[] = [];
  const rich = (element: XmlNode | undefined): Rich => {
    const text = assets.rewrite(readText(element), missing);
    texts.push(text);
    return new Rich(text);
  };
  /** Feedback is optional: a blank one is left out rather than kept empty. */
  const feedbackOf = (element: XmlNode | undefined): Rich | undefined => {
    const text = readText(element);
    return isBlank(text) ? undefined : rich(element);
  };

  const pointsRaw = Number(childText(node, 'defaultgrade') || '1');
  let points = Number.isFinite(pointsRaw) ? Math.round(pointsRaw * 100) / 100 : 1;
  if (points <= 0 && type !== 'description') {
    notes.push(`en Moodle valía ${childText(node, 'defaultgrade')} puntos; Aula necesita un valor positivo y le asignó 1`);
    points = 1;
  }
  const penalty = Number(childText(node, 'penalty') || Number.NaN);
  const defaultPenalty = DEFAULT_PENALTY[type] ?? DEFAULT_PENALTY_OTHERS;
  if (Number.isFinite(penalty) && Math.abs(penalty - defaultPenalty) > 1e-6 && penalty > 0)
    notes.push(
      `la penalización por reintento de Moodle (${Math.round(penalty * 1000) / 10} %) no se aplica: Aula califica cada intento completo`,
    );
  // Moodle 1.x files carry one image in <image>/<image_base64>, outside the text.
  if (childText(node, 'image') || childText(node, 'image_base64'))
    notes.push('la imagen en el formato antiguo de Moodle (<image>) no se importa: expórtela de nuevo desde un Moodle actual');
  if (childText(node, 'hidden') === '1') notes.push('estaba oculta en Moodle; se importó de todos modos');
  if (asArray(node.hint).some((h) => !isBlank(readText(h)))) notes.push('las pistas (hints) del modo interactivo de Moodle no se importan');
  const combined = ['correctfeedback', 'partiallycorrectfeedback', 'incorrectfeedback']
    .map((name) => readText(child(node, name)))
    .filter((t) => !isBlank(t) && !STANDARD_COMBINED.test(t.text.replace(/<[^>]*>/g, '').trim()));
  if (combined.length > 0)
    notes.push('la retroalimentación combinada (correcta, parcialmente correcta, incorrecta) no tiene lugar en Aula y se omitió');

  const tags = asArray(child(node, 'tags')?.tag)
    .map((t) => asString(t.text ?? t['#text']).trim())
    .filter(Boolean);
  const idNumber = childText(node, 'idnumber');
  const common = {
    id,
    prompt: rich(child(node, 'questiontext')),
    // 1 is the schema's default: left out, as the GIFT reader leaves it out.
    points: points === 1 ? undefined : points,
    feedback: feedbackOf(child(node, 'generalfeedback')),
    tags: tags.length ? tags : undefined,
    idNumber: idNumber || undefined,
  };

  const body = convertBody(type, node, { rich, feedbackOf, notes });
  if (typeof body === 'string') return { ok: false, reason: body, notes };
  const draft =
    type === 'description'
      ? { id, type: 'description', prompt: common.prompt, tags: common.tags, idNumber: common.idNumber }
      : { ...common, ...body };

  for (const name of missing) notes.push(`el texto cita el archivo «${name}», que no viene incluido en el XML`);
  const format = commonFormat(texts);
  const question = render(draft, format) as Record<string, unknown>;
  if (format !== 'plain') question.format = format;
  return { ok: true, question, notes, assets: assets.assets };
}

interface Helpers {
  rich: (element: XmlNode | undefined) => Rich;
  feedbackOf: (element: XmlNode | undefined) => Rich | undefined;
  notes: string[];
}

/** The type-specific part of a question, or the reason it cannot be converted. */
function convertBody(type: string, node: XmlNode, h: Helpers): Record<string, unknown> | string {
  switch (type) {
    case 'multichoice':
      return multichoice(node, h);
    case 'truefalse':
      return trueFalse(node, h);
    case 'shortanswer':
      return shortAnswer(node, h);
    case 'numerical':
      return numerical(node, h);
    case 'match':
    case 'matching':
      return matching(node, h);
    case 'essay':
      return essay(node, h);
    case 'ordering':
      return ordering(node);
    case 'ddwtos':
    case 'gapselect':
      return gaps(type, node, h);
    case 'description':
      return {};
    default:
      return `tipo de pregunta de Moodle no compatible: ${type || '(sin tipo)'}`;
  }
}

function multichoice(node: XmlNode, h: Helpers): Record<string, unknown> | string {
  // Moodle skips answers left blank (import_multichoice()).
  const answers = asArray(node.answer).filter((a) => !isBlank(readText(a)));
  if (answers.length < 2) return 'una pregunta de opción múltiple necesita al menos dos opciones';
  // Moodle reads a missing <single> as true (import_multichoice()).
  const single = !['false', '0'].includes(childText(node, 'single').toLowerCase());
  if (['false', '0'].includes(childText(node, 'shuffleanswers').toLowerCase()))
    h.notes.push('en Moodle sus opciones no se barajaban; en Aula lo decide la evaluación (shuffleOptions)');
  const options = answers.map((a, i) => ({
    id: optionId(i),
    text: h.rich(a),
    f: fraction(a),
    feedback: h.feedbackOf(child(a, 'feedback')),
  }));
  if (single) {
    if (!options.some((o) => o.f >= 0.9999999))
      return 'ninguna opción vale 100 %: una pregunta de respuesta única necesita una opción completamente correcta';
    return {
      type: 'single',
      options: options.map(({ f, ...o }) => ({ ...o, ...(f >= 0.9999999 ? { correct: true } : f !== 0 ? { fraction: f } : {}) })),
    };
  }
  const positive = options.filter((o) => o.f > 0).reduce((sum, o) => sum + o.f, 0);
  if (Math.abs(positive - 1) > 0.001)
    return `los porcentajes positivos suman ${Math.round(positive * 1000) / 10} %; en una pregunta de varias respuestas deben sumar 100 %`;
  // Moodle's model for several answers: the sum of the chosen options' percentages, floored at 0.
  return { type: 'multiple', grading: 'weighted', options: options.map(({ f, ...o }) => ({ ...o, correct: f > 0, fraction: f })) };
}

function trueFalse(node: XmlNode, h: Helpers): Record<string, unknown> | string {
  const answers = asArray(node.answer);
  // Moodle writes the answers as `true` and `false`; older or translated files, first true then false.
  const named = (words: string[]) =>
    answers.find((a) => words.includes(childText(a, 'text').toLowerCase() || asString(a.text).toLowerCase()));
  const whenTrue = named(['true', 'verdadero']) ?? answers[0];
  const whenFalse = named(['false', 'falso']) ?? answers[1];
  if (!whenTrue || !whenFalse) return 'una pregunta de verdadero/falso necesita las respuestas «true» y «false»';
  return {
    type: 'truefalse',
    answer: fraction(whenTrue) >= 0.9999999,
    feedbackTrue: h.feedbackOf(child(whenTrue, 'feedback')),
    feedbackFalse: h.feedbackOf(child(whenFalse, 'feedback')),
  };
}

function shortAnswer(node: XmlNode, h: Helpers): Record<string, unknown> | string {
  const answers = asArray(node.answer)
    .map((a) => ({ text: asString(a.text).trim(), fraction: fraction(a), feedback: h.feedbackOf(child(a, 'feedback')) }))
    .filter((a) => a.text !== '');
  if (!answers.some((a) => a.fraction >= 0.9999999)) return 'ninguna respuesta vale 100 %';
  if (answers.some((a) => a.fraction < 0)) return 'una respuesta corta no puede restar puntos (porcentaje negativo)';
  return {
    type: 'short',
    caseSensitive: childText(node, 'usecase') === '1',
    answers: answers.map((a) =>
      a.fraction >= 0.9999999 && !a.feedback ? a.text : { text: a.text, fraction: Math.min(a.fraction, 1), feedback: a.feedback },
    ),
  };
}

function numerical(node: XmlNode, h: Helpers): Record<string, unknown> | string {
  const answers: Record<string, unknown>[] = [];
  for (const a of asArray(node.answer)) {
    const text = asString(a.text).trim();
    if (text === '') continue;
    if (text === '*') {
      h.notes.push('la respuesta «*» (cualquier otro valor) de Moodle no tiene equivalente en Aula y se omitió con su retroalimentación');
      continue;
    }
    const value = Number(text.replace(',', '.'));
    if (!Number.isFinite(value)) return `la respuesta «${text}» no es un número`;
    const tolerance = Math.abs(Number(childText(a, 'tolerance') || '0')) || 0;
    answers.push({ value, ...(tolerance > 0 ? { tolerance } : {}), fraction: fraction(a), feedback: h.feedbackOf(child(a, 'feedback')) });
  }
  if (!answers.some((a) => (a.fraction as number) >= 0.9999999)) return 'ninguna respuesta numérica vale 100 %';
  const units = asArray(child(node, 'units')?.unit).map((u) => ({
    name: childText(u, 'unit_name'),
    multiplier: Number(childText(u, 'multiplier') || '1'),
  }));
  const base = units.find((u) => u.multiplier === 1 && u.name);
  if (units.length > 1 || (units.length === 1 && !base))
    h.notes.push(
      `Moodle aceptaba varias unidades (${units.map((u) => u.name).join(', ')}); Aula conserva solo ${base ? `«${base.name}»` : 'el número'}`,
    );
  return {
    type: 'numeric',
    answers: answers.map((a) => ({ ...a, fraction: a.fraction === 1 ? undefined : a.fraction })),
    unit: base?.name,
  };
}

function matching(node: XmlNode, h: Helpers): Record<string, unknown> | string {
  const pairs: { left: Rich; right: string }[] = [];
  const distractors: string[] = [];
  for (const sub of asArray(node.subquestion)) {
    const right = childText(child(sub, 'answer'), 'text') || asString(child(sub, 'answer')?.['#text']).trim();
    // A subquestion with no text is a wrong answer to choose from (qtype_match).
    if (isBlank(readText(sub))) {
      if (right) distractors.push(right);
    } else if (right) pairs.push({ left: h.rich(sub), right });
  }
  if (pairs.length < 2) return 'un emparejamiento necesita al menos dos pares con enunciado y respuesta';
  return { type: 'matching', pairs, distractors };
}

function essay(node: XmlNode, h: Helpers): Record<string, unknown> {
  const guide = readText(child(node, 'graderinfo'));
  const guideText = guide.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  h.notes.push(
    `ensayo importado con una rúbrica provisional de un criterio: complétela antes de usarlo${guideText ? ` (la guía de Moodle para calificar decía: «${guideText.slice(0, 300)}»)` : ''}`,
  );
  if (Number(childText(node, 'attachments') || '0') !== 0 || childText(node, 'responseformat') === 'noinline')
    h.notes.push('Moodle pedía archivos adjuntos; en Aula el ensayo se responde con texto');
  if (!isBlank(readText(child(node, 'responsetemplate')))) h.notes.push('la plantilla de respuesta de Moodle no se importa');
  return {
    type: 'essay',
    minWords: Math.max(0, Math.trunc(Number(childText(node, 'minwordlimit') || '0')) || 0),
    rubric: placeholderRubric(),
  };
}

/** qtype_ordering (a popular plugin): its answers come in the right order. */
function ordering(node: XmlNode): Record<string, unknown> | string {
  const items = asArray(node.answer)
    .map((a) =>
      readText(a)
        .text.replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  if (items.length < 3) return 'una pregunta de ordenar necesita al menos tres elementos';
  return { type: 'ordering', items };
}

/**
 * Drag-and-drop into text and select missing words: each `[[n]]` gap is filled by choice n. With
 * one gap it is a single-choice question among that gap's group; with more, a matching question
 * with one row per gap, which keeps Moodle's per-gap credit. What is lost (the choice groups, the
 * text around each gap) is said in a note.
 */
function gaps(type: string, node: XmlNode, h: Helpers): Record<string, unknown> | string {
  const choices = asArray(type === 'ddwtos' ? node.dragbox : node.selectoption).map((c) => ({
    text: readText(c)
      .text.replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    group: childText(c, 'group') || '1',
  }));
  const prompt = h.rich(child(node, 'questiontext'));
  const gapNumbers = [...prompt.value.text.matchAll(/\[\[(\d+)\]\]/g)].map((m) => Number(m[1]));
  if (gapNumbers.length === 0) return 'el texto no tiene espacios [[n]] que llenar';
  for (const n of gapNumbers) if (!choices[n - 1]?.text) return `el espacio [[${n}]] no tiene una opción ${n}`;

  if (gapNumbers.length === 1) {
    const right = choices[(gapNumbers[0] as number) - 1] as { text: string; group: string };
    const group = choices.filter((c) => c.group === right.group && c.text);
    if (group.length < 2) return 'el único espacio tiene una sola opción: no hay nada que elegir';
    prompt.value.text = prompt.value.text.replace(/\[\[\d+\]\]/, '____');
    h.notes.push('convertida en opción única: el espacio del texto se muestra como ____');
    return {
      type: 'single',
      prompt,
      options: group.map((c, i) => ({ id: optionId(i), text: c.text, ...(c === right ? { correct: true } : {}) })),
    };
  }

  const pairs = gapNumbers.map((n, index) => ({ left: `Espacio ${index + 1}`, right: (choices[n - 1] as { text: string }).text }));
  let counter = 0;
  prompt.value.text = prompt.value.text.replace(/\[\[(\d+)\]\]/g, () => `[espacio ${++counter}]`);
  const used = new Set(pairs.map((p) => p.right));
  const distractors = [...new Set(choices.map((c) => c.text).filter((t) => t && !used.has(t)))];
  const groups = new Set(choices.map((c) => c.group));
  h.notes.push(
    `convertida en emparejamiento: cada espacio del texto es un renglón${groups.size > 1 ? '; los grupos de opciones de Moodle no se conservan y cada espacio ofrece todas las opciones' : ''}`,
  );
  return { type: 'matching', prompt, pairs, distractors };
}

/** Replaces every formatted text in the draft with its text in the question's format. */
function render(value: unknown, format: TextFormat): unknown {
  if (value instanceof Rich) return inFormat(value.value, format);
  if (Array.isArray(value)) return value.map((v) => render(v, format));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = render(v, format);
    return out;
  }
  return value;
}
