import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { type BankImport, toQuiz } from '../../../../../src/lib/server/quizzes/bank-import.ts';
import { importGift } from '../../../../../src/lib/server/quizzes/gift-import.ts';

function load(name: string): { bank: BankImport; byId: Record<string, Record<string, unknown>> } {
  const bank = importGift(readFileSync(`tests/fixtures/gift/${name}`));
  const questions = bank.pools.flatMap((p) => p.questions) as Record<string, unknown>[];
  return { bank, byId: Object.fromEntries(questions.map((q) => [q.id, q])) };
}

describe('importGift: every construct of Moodle’s GIFT examples', () => {
  const { bank, byId } = load('moodle-constructs.gift');

  test('converts every question of the file, and the quiz passes Aula’s schema', () => {
    expect(bank.problems).toEqual([]);
    expect(bank.questionCount).toBe(41);
    expect(bank.pools.reduce((n, p) => n + p.questions.length, 0)).toBe(41);
    expect(quizSchema.safeParse(toQuiz(bank, 'Evaluación importada')).success).toBe(true);
  });

  test('single choice: = is the right answer, ~ the wrong ones, in the order written', () => {
    expect(byId['quien-firma-el-acta-de-inspeccion']).toMatchObject({
      type: 'single',
      prompt: '¿Quién firma el acta de inspección?',
      options: [
        { id: 'a', text: 'El patrón solo', correct: false },
        { id: 'b', text: 'El sindicato', correct: false },
        { id: 'c', text: 'Quien inspecciona y quienes intervienen', correct: true },
      ],
    });
    expect(byId['de-que-tratado-vienen-los-convenios-fundamentale']).toMatchObject({
      options: [{ correct: false }, { correct: true }, { correct: false }],
    });
  });

  test('missing word: text after the answers keeps the prompt with a blank', () => {
    expect(byId['la-inspeccion-es-la-que-programa-la-oficina']).toMatchObject({
      type: 'single',
      prompt: 'La inspección _____ es la que programa la oficina.',
    });
    expect(byId['la-jornada-maxima-diurna-es-de-horas']).toMatchObject({ prompt: 'La jornada máxima diurna es de _____ horas.' });
    expect(byId['dos-mas-dos-es']).toMatchObject({ type: 'short', prompt: 'Dos más dos es _____.', answers: ['cuatro', '4'] });
    // Only "." after the braces is still text after them, as in Moodle’s example.
    expect(byId['cuanto-es-la-mitad-de-cinco']).toMatchObject({ prompt: '¿Cuánto es la mitad de cinco? _____.' });
  });

  test('true/false: {T#…#…} gives the first # to a wrong answer and the second to a right one', () => {
    expect(byId['el-repse-se-renueva-cada-ano']).toEqual({
      id: 'el-repse-se-renueva-cada-ano',
      prompt: 'El REPSE se renueva cada año.',
      type: 'truefalse',
      answer: false,
    });
    expect(byId['el-acta-se-levanta-por-escrito']).toMatchObject({ answer: true });
    // {FALSE#…}: whoever answers "true" is wrong and reads it.
    expect(byId['el-acta-puede-levantarse-sin-testigos']).toMatchObject({ answer: false, feedbackTrue: 'No: siempre hay testigos.' });
    expect(byId['el-acta-puede-levantarse-sin-testigos']).not.toHaveProperty('feedbackFalse');
    expect(byId['la-inspeccion-ordinaria-se-avisa-con-anticipacio']).toMatchObject({
      answer: true,
      feedbackTrue: 'Correcto: se avisa con anticipación.',
      feedbackFalse: 'Incorrecto: sí se avisa.',
    });
    expect(byId['la-inspeccion-extraordinaria-siempre-se-avisa']).toMatchObject({
      answer: false,
      feedbackTrue: 'Incorrecto: puede no avisarse.',
      feedbackFalse: 'Correcto: puede no avisarse.',
    });
  });

  test('matching: pairs, an answer with no question as a distractor, and per-pair formats', () => {
    expect(byId['relacione-cada-documento-con-su-tema']).toMatchObject({
      type: 'matching',
      pairs: [
        { left: 'Acta', right: 'Hechos' },
        { left: 'Emplazamiento', right: 'Plazo' },
        { left: 'Resolución', right: 'Sanción' },
      ],
      distractors: ['Denuncia'],
    });
    expect(byId['relacion-con-formatos']).toMatchObject({
      format: 'html',
      prompt: 'Relacione cada <b>figura</b> con su definición.',
      pairs: [
        { left: 'Quien <i>contrata</i>', right: 'Patrón' },
        { left: 'Quien presta el servicio' },
        { left: 'Quien <strong>vigila</strong>' },
      ],
    });
  });

  test('numeric: exact, with a margin, an interval, 1e3, and several answers with their weights', () => {
    expect(byId['en-que-ano-se-publico-la-reforma-laboral']).toMatchObject({ type: 'numeric', answers: [{ value: 2019 }] });
    expect(byId['cuanto-es-la-mitad-de-cinco']).toMatchObject({ answers: [{ value: 2.5, tolerance: 0.0005 }] });
    expect(byId['cuanto-es-la-mitad-de-cinco-2']).toMatchObject({ answers: [{ min: 2.45, max: 2.55 }] });
    expect(byId['cuantos-metros-hay-en-un-kilometro']).toMatchObject({ answers: [{ value: 1000 }] });
    expect(byId['en-que-ano-se-publico-la-lft-vigente']).toMatchObject({
      answers: [{ value: 1970 }, { value: 1970, tolerance: 2, fraction: 0.5 }],
    });
    expect(byId['ejemplo-numerico']).toMatchObject({
      answers: [
        { value: 1962, feedback: 'Correcto: 100 %' },
        { value: 1962, tolerance: 2, fraction: 0.5, feedback: 'Fue en 1962.\nMedio punto por acercarse.' },
      ],
    });
    expect(byId['cuantos-dias-tiene-una-semana']).toMatchObject({ answers: [{ value: 7 }] });
  });

  test('numeric {#15:0#…~#…}: the feedback after ~ answers any other number, worth 0 %', () => {
    const q = byId['otra-respuesta'] as { answers: Record<string, number | string>[] };
    expect(q.answers[0]).toEqual({ value: 15, feedback: 'Así es.' });
    expect(q.answers[1]).toMatchObject({ fraction: 0, feedback: 'Revise el artículo 87.' });
    expect(q.answers[1]?.min).toBeLessThan(-1e300);
    expect(q.answers[1]?.max).toBeGreaterThan(1e300);
  });

  test('names, multi-line prompts, per-answer feedback and the general feedback', () => {
    expect(byId['origen-del-t-mec']).toMatchObject({ type: 'short', prompt: '¿En qué año entró\nen vigor el T-MEC?', answers: ['2020'] });
    expect(byId['retro-mc']).toMatchObject({
      options: [
        { text: 'El acta', feedback: 'El acta registra, no abre.' },
        { text: 'La resolución', feedback: 'La resolución cierra.' },
        { text: 'La orden de inspección', correct: true, feedback: 'Muy bien.' },
      ],
    });
    expect(byId.general).toMatchObject({
      feedback: 'La firman quien inspecciona y el patrón o quien lo represente.',
      answers: [{ value: 2 }],
    });
  });

  test('short answer: =%50% is partial credit and =%0% a wrong answer with its feedback', () => {
    expect(byId['retro-corta']).toMatchObject({
      type: 'short',
      answers: [
        { text: 'REPSE', feedback: 'Exacto.' },
        { text: 'REPS', fraction: 0.5, feedback: 'Casi: le falta una letra.' },
        { text: 'RFC', fraction: 0, feedback: 'El RFC es el registro fiscal.' },
      ],
    });
    expect((byId['retro-corta'] as { answers: object[] }).answers[0]).not.toHaveProperty('fraction');
    expect(byId.comodin).toMatchObject({ answers: ['Registro*'] });
    // =%0%* is Moodle's "any other answer", with its feedback.
    expect(byId['cualquier-otra']).toMatchObject({
      answers: [
        { text: 'RFC', feedback: 'Exacto.' },
        { text: '*', fraction: 0, feedback: 'Cualquier otra respuesta: revise las siglas.' },
      ],
    });
    expect(bank.notes).toContainEqual({ line: 126, question: 'Comodín', message: expect.stringMatching(/comodín/) });
  });

  test('single choice with partial credit keeps each option’s share', () => {
    expect(byId['credito-parcial']).toMatchObject({
      type: 'single',
      options: [
        { text: 'la XII', correct: false },
        { text: 'el apartado A', correct: false, fraction: 0.5, feedback: 'Más preciso.' },
        { text: 'la fracción I', correct: true, feedback: 'Así es.' },
      ],
    });
  });

  test('several right answers (~%…% and no =) become Moodle’s weighted model, negative weights included', () => {
    expect(byId['varias-correctas']).toMatchObject({
      type: 'multiple',
      grading: 'weighted',
      options: [
        { fraction: 0.5, correct: true, feedback: 'Sí.' },
        { fraction: 0.5, correct: true },
        { fraction: -1, correct: false, feedback: 'No es obligatorio.' },
        { fraction: -1, correct: false, feedback: 'No.' },
      ],
    });
    // One option at 100 % and no = is still Moodle's multiple-answer question.
    expect(byId['una-al-cien']).toMatchObject({
      type: 'multiple',
      grading: 'weighted',
      options: [
        { fraction: 1, feedback: 'Así es.' },
        { fraction: -0.5, feedback: 'No.' },
        { fraction: -0.5, feedback: 'No: el IMSS vigila la seguridad social.' },
      ],
    });
    const thirds = (byId.tercios as { options: { fraction: number }[] }).options.map((o) => o.fraction);
    expect(thirds.slice(0, 3).every((f) => Math.abs(f - 1 / 3) < 1e-12)).toBe(true);
    expect(thirds[3]).toBe(-1);
  });

  test('escapes: \\= \\~ \\# \\{ \\} \\\\ \\: and \\n are text, as Moodle reads them', () => {
    expect(byId['caracteres-especiales']).toMatchObject({
      options: [{ text: '= 2 + 2' }, { text: '= 2 + 3', correct: true }, { text: '= 2 + 4' }],
    });
    expect(byId['escapes-todos']).toMatchObject({
      options: [
        { text: '~', feedback: '~ es de control.' },
        { text: '=', feedback: '= es de control.' },
        { text: '#', feedback: '# es de control.' },
        { text: '{', feedback: '{ es de control.' },
        { text: '}', feedback: '} es de control.' },
        { text: '\\', correct: true, feedback: 'Correcto: \\ no es de control,\nsirve para escapar a los demás.' },
      ],
    });
  });

  test('colons are ordinary text outside ::name:: and numbers', () => {
    expect(byId['nota-dos-puntos']).toMatchObject({
      type: 'short',
      prompt: 'Hora de la visita: 10:30; ¿a qué hora termina la primera hora?',
      answers: ['11:30'],
    });
  });

  test('text formats: markdown and html are kept, html entities decoded; [plain] stays text; [moodle] with tags is html', () => {
    expect(byId['quien-firma-el-acta']).toMatchObject({ format: 'markdown', prompt: '¿Quién **firma** el acta?' });
    expect(byId['texto-plano']).toMatchObject({ prompt: 'Escriba <b> tal cual: ¿qué etiqueta es?' });
    expect(byId['texto-plano']).not.toHaveProperty('format');
    expect(byId['formato-moodle']).toMatchObject({ format: 'html', prompt: '¿Qué es un <em>acta</em>?' });
    // Entities become characters, but &lt; and &gt; stay: decoded, they would make a tag.
    expect(byId['con-imagen']).toMatchObject({ format: 'html', prompt: '<p>¿Qué se ve en la “foto” &lt;adjunta&gt;?</p>' });
  });

  test('an embedded image cannot come along: it is removed and named in a note', () => {
    expect(bank.notes).toContainEqual({ line: 132, question: 'Con imagen', message: expect.stringContaining('«acta firmada.png»') });
  });

  test('// [id:…] and // [tag:…] are kept; other comments are ignored', () => {
    expect(byId['quien-firma-el-acta']).toMatchObject({ idNumber: 'INSP-042', tags: ['inspección', 'acta'] });
    expect(byId['cuantos-dias-tiene-una-semana']).not.toHaveProperty('tags');
  });

  test('essay {} gets a placeholder rubric and a note; text with no braces is a description', () => {
    expect(byId.ensayo).toMatchObject({ type: 'essay', minWords: 0, rubric: [{ criterion: 'Calificación global' }] });
    expect(bank.notes).toContainEqual({ line: 122, question: 'Ensayo', message: expect.stringMatching(/rúbrica genérica/) });
    expect(byId['las-preguntas-siguientes-tratan-del-articulo-12']).toEqual({
      id: 'las-preguntas-siguientes-tratan-del-articulo-12',
      type: 'description',
      prompt: 'Las preguntas siguientes tratan del artículo 12 de la LFT.',
    });
  });

  test('$CATEGORY keeps its whole path as the pool title, // being a slash in a name', () => {
    expect(bank.pools.map((p) => [p.id, p.title, p.questions.length])).toEqual([
      ['importadas', 'Preguntas importadas', 40],
      ['modulo-4-subcontratacion-repse', 'Módulo 4 / Subcontratación/REPSE', 1],
    ]);
  });
});

describe('importGift: the sample bank', () => {
  const { bank, byId } = load('sample.gift');

  test('maps true/false feedback as Moodle does and treats =%0% as a wrong answer', () => {
    expect(byId.tf).toMatchObject({
      answer: true,
      feedbackTrue: 'Correcto: seis meses.',
      feedbackFalse: 'No: su vigencia es de seis meses.',
    });
    expect(byId.registro).toMatchObject({
      answers: ['REPSE', 'Registro de Prestadoras de Servicios Especializados', { text: 'RFC', fraction: 0 }],
    });
  });

  test('converts what gift-pegjs refused: unequal weights, a description, a colon in feedback', () => {
    expect(byId.pesos).toMatchObject({
      type: 'multiple',
      grading: 'weighted',
      options: [{ fraction: 0.7 }, { fraction: 0.3 }, { fraction: -1 }],
    });
    expect(byId['esto-es-una-descripcion-sin-respuestas']).toMatchObject({ type: 'description' });
    expect(byId['dos-puntos']).toMatchObject({
      type: 'truefalse',
      answer: true,
      feedbackTrue: 'Correcto: así es.',
      feedbackFalse: 'Así no: es verdadera.',
    });
  });

  test('keeps answers, distractors, tolerances and ranges', () => {
    expect(byId['art-12']).toMatchObject({
      options: [{ id: 'a', text: 'Art. 12', correct: true, feedback: 'Correcto' }, { correct: false }, { correct: false }],
    });
    expect(byId.pares).toMatchObject({ distractors: ['Sanciona'] });
    expect(byId.uma).toMatchObject({ answers: [{ value: 2000 }] });
    expect(byId.rango).toMatchObject({ answers: [{ min: 1, max: 5 }] });
    expect(byId.indicios).toMatchObject({ grading: 'weighted', options: [{ fraction: 0.5 }, { fraction: 0.5 }, { fraction: -1 }] });
  });

  test('reports the one broken question with its line and name, and counts questions', () => {
    expect(bank.problems).toEqual([{ line: 23, question: 'Roto', message: expect.stringMatching(/llaves/) }]);
    expect(bank.questionCount).toBe(12);
    expect(bank.pools.map((p) => [p.id, p.title])).toEqual([['modulo-4-conceptos', 'Módulo 4 / Conceptos']]);
  });
});

describe('importGift: the problems report', () => {
  const { bank, byId } = load('problems.gift');

  test('each question that cannot be converted, with its line, name and reason in Spanish', () => {
    expect(bank.problems).toEqual([
      { line: 3, question: 'Sin cierre', message: expect.stringMatching(/llaves/) },
      { line: 5, question: 'Pegadas', message: expect.stringMatching(/2 preguntas sin una línea en blanco/) },
      {
        line: 8,
        question: expect.stringMatching(/^Una pregunta sin nombre/),
        message: expect.stringMatching(/2 preguntas sin una línea en blanco/),
      },
      { line: 11, question: 'Coma decimal', message: expect.stringMatching(/«3,5» no es un número/) },
      { line: 13, question: 'Sin correcta', message: expect.stringMatching(/100 %/) },
      { line: 15, question: 'Suma mal', message: expect.stringMatching(/suman 90 %/) },
      { line: 17, question: 'Corto', message: expect.stringMatching(/enunciado/) },
    ]);
  });

  test('counts questions, not blocks: glued questions count as two', () => {
    expect(bank.questionCount).toBe(13);
    expect(bank.pools.flatMap((p) => p.questions.map((q) => q.id))).toEqual([
      'minusculas',
      'igual-con-peso',
      'retro-corta',
      'bajo-categoria',
    ]);
  });

  test('notes what Moodle reads differently from what the author probably meant', () => {
    expect(byId.minusculas).toMatchObject({ type: 'short', answers: ['true'] });
    expect(byId['igual-con-peso']).toMatchObject({ type: 'single', options: [{ text: '%50%Esta', correct: true }, { correct: false }] });
    expect(byId['retro-corta']).toMatchObject({ feedbackFalse: 'No.' });
    expect(byId['retro-corta']).not.toHaveProperty('feedbackTrue');
    expect(bank.notes.map((n) => [n.line, n.question])).toEqual([
      [19, 'Minúsculas'],
      [21, 'Igual con peso'],
      [23, 'Retro corta'],
      [26, undefined],
    ]);
    expect(bank.pools.map((p) => p.title)).toEqual(['Preguntas importadas', 'Pegada']);
  });
});

describe('importGift: categories', () => {
  test('a category named again collects its questions in the same pool; questions before any go to one of their own', () => {
    const bank = importGift(
      [
        '¿La inspección ordinaria se programa? {T}',
        '$CATEGORY: $course$/top/Módulo 1',
        '::Uno:: El acta se levanta por escrito. {T}',
        '$CATEGORY: $course$/top/Módulo 2',
        '::Dos:: El REPSE se renueva cada año. {F}',
        '$CATEGORY: $course$/top/Módulo 1',
        '::Tres:: El acta lleva la firma de testigos. {T}',
      ].join('\n\n'),
    );
    expect(bank.pools.map((p) => [p.id, p.title, p.questions.map((q) => q.id)])).toEqual([
      ['importadas', 'Preguntas importadas', ['la-inspeccion-ordinaria-se-programa']],
      ['modulo-1', 'Módulo 1', ['uno', 'tres']],
      ['modulo-2', 'Módulo 2', ['dos']],
    ]);
  });
});

describe('importGift: encodings', () => {
  test('a Windows-1252 file is read as such, with a note, never with U+FFFD', () => {
    // "::Año:: ¿Qué día es “inhábil”? {=domingo ~miércoles}" in Windows-1252: ñ=F1, ¿=BF, é=E9, “=93, á=E1, ”=94.
    const bytes = new Uint8Array([
      ...Buffer.from('::A', 'ascii'),
      0xf1,
      ...Buffer.from('o:: ', 'ascii'),
      0xbf,
      ...Buffer.from('Qu', 'ascii'),
      0xe9,
      ...Buffer.from(' d', 'ascii'),
      0xed,
      ...Buffer.from('a es ', 'ascii'),
      0x93,
      ...Buffer.from('inh', 'ascii'),
      0xe1,
      ...Buffer.from('bil', 'ascii'),
      0x94,
      ...Buffer.from('? {=domingo ~mi', 'ascii'),
      0xe9,
      ...Buffer.from('rcoles}', 'ascii'),
    ]);
    const bank = importGift(bytes);
    const [q] = bank.pools[0]?.questions ?? [];
    expect(q).toMatchObject({ id: 'ano', prompt: '¿Qué día es “inhábil”?', options: [{ text: 'domingo' }, { text: 'miércoles' }] });
    expect(JSON.stringify(bank)).not.toContain('\uFFFD');
    expect(bank.notes).toEqual([{ message: expect.stringMatching(/no está en UTF-8: se leyó como Windows-1252/) }]);
  });

  test('a UTF-8 BOM is removed, so the ::name:: on the first line is still a name', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...new TextEncoder().encode('::Acentuación:: ¿Qué ley regula el trabajo? {=LFT ~LSS}'),
    ]);
    const bank = importGift(bytes);
    expect(bank.pools[0]?.questions[0]).toMatchObject({ id: 'acentuacion', prompt: '¿Qué ley regula el trabajo?' });
    expect(bank.notes).toEqual([]);
    expect(importGift('\uFEFF::Acentuación:: ¿Qué ley regula el trabajo? {=LFT ~LSS}').pools[0]?.questions[0]).toMatchObject({
      id: 'acentuacion',
    });
  });
});
