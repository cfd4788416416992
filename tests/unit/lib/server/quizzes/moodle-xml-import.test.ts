import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { quizSchema } from '../../../../../src/lib/content/quiz-schema.ts';
import { toQuiz } from '../../../../../src/lib/server/quizzes/bank-import.ts';
import { importMoodleXml } from '../../../../../src/lib/server/quizzes/moodle-xml-import.ts';

// A bank written by hand with every type Moodle exports (tests/fixtures/moodle-xml/), each
// expectation below checked against what Moodle's own importer reads from the same XML.
const bank = importMoodleXml(readFileSync('tests/fixtures/moodle-xml/banco-completo.xml'));
const questions = bank.pools.flatMap((p) => p.questions);
const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
const notesOf = (name: string) => bank.notes.filter((n) => n.question === name).map((n) => n.message);

/** A bank of one question, for the rules a single case shows best. */
function one(question: string): ReturnType<typeof importMoodleXml> {
  return importMoodleXml(`<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${question}\n</quiz>\n`);
}

describe('importMoodleXml on a bank with every type', () => {
  test('makes one pool per category, titled with its whole path as the GIFT reader titles it', () => {
    expect(bank.pools.map((p) => [p.id, p.title, p.questions.length])).toEqual([
      ['modulo-4-subcontratacion', 'Módulo 4 / Subcontratación', 3],
      ['modulo-4-multas', 'Módulo 4 / Multas', 7],
    ]);
  });

  test('counts questions, not categories, and converts every mappable type', () => {
    expect(bank.questionCount).toBe(13);
    expect(Object.fromEntries(questions.map((q) => [q.id, q.type]))).toEqual({
      'articulo-12': 'single',
      'indicios-de-subordinacion': 'multiple',
      'vigencia-de-la-constancia': 'truefalse',
      'nombre-del-registro': 'short',
      'minimo-de-uma': 'numeric',
      'articulos-y-contenidos': 'matching',
      'ensayo-sobre-subordinacion': 'essay',
      'caso-de-la-empresa': 'description',
      'arrastrar-articulos': 'matching',
      'un-solo-hueco': 'single',
    });
  });

  test('the converted bank is a valid quiz', () => {
    const checked = quizSchema.safeParse(toQuiz(bank, 'Evaluación importada de Moodle'));
    expect(checked.error?.issues ?? []).toEqual([]);
  });

  test('single choice: 100 % is correct, partial and negative percentages become fractions, per-option feedback kept', () => {
    expect(byId['articulo-12']).toEqual({
      id: 'articulo-12',
      prompt: '¿Qué artículo de la LFT prohíbe la subcontratación de personal?',
      points: 2,
      feedback: 'La reforma de 2021 prohibió la subcontratación de personal.',
      tags: ['reforma-2021', 'subcontratación'],
      idNumber: 'M4-SUB-01',
      type: 'single',
      options: [
        { id: 'a', text: 'Art. 12', correct: true, feedback: 'Correcto: el 12 la prohíbe.' },
        { id: 'b', text: 'Art. 13', fraction: 0.5, feedback: 'El 13 permite los servicios especializados.' },
        { id: 'c', text: 'Art. 15', fraction: -0.3333333 },
        { id: 'd', text: 'Art. 1004-C' },
      ],
    });
    // Moodle's own combined feedback ("Respuesta correcta") and the default penalty need no note.
    expect(notesOf('Artículo 12')).toEqual([]);
  });

  test('several answers: the weighted model with each percentage, an image carried as an asset', () => {
    const q = byId['indicios-de-subordinacion'];
    expect(q).toMatchObject({
      type: 'multiple',
      grading: 'weighted',
      format: 'html',
      options: [
        { id: 'a', correct: true, fraction: 0.5, feedback: 'Sí: quien fija los turnos dirige el trabajo.' },
        { id: 'b', correct: true, fraction: 0.3333333 },
        { id: 'c', correct: true, fraction: 0.1666667 },
        // An HTML question: the option's & stays escaped as HTML.
        { id: 'd', text: 'Registro REPSE vigente &amp; actualizado', correct: false, fraction: -1 },
      ],
    });
    expect(q?.prompt).toBe(
      '<p>¿Cuáles son <strong>indicios</strong> de subordinación al beneficiario?</p><p><img src="media/indicios-de-subordinacion-organigrama-empresa.png" alt="Organigrama"></p>',
    );
    expect(bank.assets.map((a) => a.path)).toEqual(['media/indicios-de-subordinacion-organigrama-empresa.png']);
    // The bytes of the PNG, decoded from base64: its signature, then the IHDR chunk.
    expect([...(bank.assets[0]?.bytes.slice(0, 8) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(notesOf('Indicios de subordinación')).toEqual([
      'la penalización por reintento de Moodle (10 %) no se aplica: Aula califica cada intento completo',
      'la retroalimentación combinada (correcta, parcialmente correcta, incorrecta) no tiene lugar en Aula y se omitió',
      'en Moodle sus opciones no se barajaban; en Aula lo decide la evaluación (shuffleOptions)',
    ]);
  });

  test('true/false: the key from the percentages, each answer’s feedback shown to whoever gave that answer', () => {
    expect(byId['vigencia-de-la-constancia']).toEqual({
      id: 'vigencia-de-la-constancia',
      prompt: 'La constancia de representatividad tiene una vigencia de seis meses.',
      type: 'truefalse',
      answer: false,
      feedbackTrue: 'No: el artículo 390 Bis no fija seis meses.',
      feedbackFalse: 'Correcto, no son seis meses.',
    });
    // A true/false question's default penalty is 100 %: no note.
    expect(notesOf('Vigencia de la constancia')).toEqual([]);
  });

  test('short answer: case sensitivity, wildcards, per-answer percentages and feedback, Markdown kept', () => {
    expect(byId['nombre-del-registro']).toEqual({
      id: 'nombre-del-registro',
      prompt: '¿Cómo se llama el **registro** de prestadoras de servicios especializados?',
      feedback: 'Lo lleva la *STPS*.',
      idNumber: 'M4-REPSE',
      format: 'markdown',
      type: 'short',
      caseSensitive: true,
      answers: [
        'REPSE',
        { text: 'Registro de Prestadoras*', fraction: 1, feedback: 'Bien, aunque su sigla es REPSE.' },
        { text: 'padrón*', fraction: 0.5, feedback: 'Es un registro, no un padrón.' },
        { text: '*', fraction: 0, feedback: 'Revise el artículo 15 de la LFT.' },
      ],
    });
  });

  test('numerical: several answers with tolerance and percentage, the unit, and a note for the dropped «*»', () => {
    expect(byId['minimo-de-uma']).toEqual({
      id: 'minimo-de-uma',
      prompt: '¿Cuál es el mínimo de UMA de la multa del artículo 1004-C?',
      points: 3,
      feedback: 'Artículo 1004-C de la LFT.',
      type: 'numeric',
      answers: [
        { value: 2000, feedback: 'Exacto: 2,000 UMA.' },
        { value: 2000, tolerance: 500, fraction: 0.5, feedback: 'Cerca.' },
      ],
      unit: 'UMA',
    });
    expect(notesOf('Mínimo de UMA')).toEqual([
      'la respuesta «*» (cualquier otro valor) de Moodle no tiene equivalente en Aula y se omitió con su retroalimentación',
    ]);
  });

  test('matching: subquestions become pairs, one without text becomes a distractor', () => {
    expect(byId['articulos-y-contenidos']).toMatchObject({
      format: 'html',
      pairs: [
        { left: 'Art. 12', right: 'Prohíbe la subcontratación' },
        { left: '<p>Art. <em>13</em></p>', right: 'Permite servicios especializados' },
      ],
      distractors: ['Fija el salario mínimo'],
    });
  });

  test('essay: points, the word minimum, a placeholder rubric, and a note quoting the grader information', () => {
    expect(byId['ensayo-sobre-subordinacion']).toMatchObject({
      points: 10,
      minWords: 150,
      rubric: [{ levels: [{ points: 0 }, { points: 1 }] }],
    });
    expect(notesOf('Ensayo sobre subordinación')).toEqual([
      'ensayo importado con una rúbrica provisional de un criterio: complétela antes de usarlo (la guía de Moodle para calificar decía: «Debe citar la dirección y el pago como indicios.»)',
    ]);
  });

  test('description: text with no answer and no points', () => {
    expect(byId['caso-de-la-empresa']).toEqual({
      id: 'caso-de-la-empresa',
      type: 'description',
      prompt: 'Lea el caso: una empresa de autopartes contrata a 40 personas por medio de una agencia.',
    });
  });

  test('drag into text with two gaps becomes matching; a select with one gap becomes single choice', () => {
    expect(byId['arrastrar-articulos']).toMatchObject({
      prompt: 'La subcontratación está prohibida por el artículo [espacio 1] y el registro lo regula el artículo [espacio 2].',
      pairs: [
        { left: 'Espacio 1', right: '12' },
        { left: 'Espacio 2', right: '15' },
      ],
      distractors: ['1004-C'],
    });
    expect(byId['un-solo-hueco']).toMatchObject({
      prompt: 'La multa mínima es de ____ UMA.',
      options: [
        { id: 'a', text: '2000', correct: true },
        { id: 'b', text: '50' },
      ],
    });
  });

  test('reports each unsupported question with its line, its name and a reason in Spanish', () => {
    expect(bank.problems.map((p) => [p.line, p.question])).toEqual([
      [395, 'Multa calculada'],
      [410, 'Cloze del artículo 15'],
      [420, 'Emparejamiento aleatorio'],
    ]);
    expect(bank.problems[0]?.message).toMatch(/calculadas.*numérica con valores fijos/);
    expect(bank.problems[1]?.message).toMatch(/Cloze/);
  });
});

describe('importMoodleXml refuses what Moodle refuses, question by question', () => {
  test('single choice with no option at 100 %', () => {
    const result = one(`<question type="multichoice"><name><text>Sin correcta</text></name>
      <questiontext format="plain_text"><text>¿Cuál de estas opciones es la correcta?</text></questiontext>
      <single>true</single>
      <answer fraction="50"><text>Una</text></answer><answer fraction="0"><text>Otra</text></answer></question>`);
    expect(result.pools).toEqual([]);
    expect(result.problems).toEqual([
      {
        line: 3,
        question: 'Sin correcta',
        message: 'ninguna opción vale 100 %: una pregunta de respuesta única necesita una opción completamente correcta',
      },
    ]);
  });

  test('several answers whose positive percentages do not add up to 100 %', () => {
    const result = one(`<question type="multichoice"><name><text>Suma corta</text></name>
      <questiontext format="plain_text"><text>¿Cuáles de estas opciones son correctas?</text></questiontext>
      <single>false</single>
      <answer fraction="50"><text>Una</text></answer><answer fraction="40"><text>Otra</text></answer><answer fraction="-50"><text>Mala</text></answer></question>`);
    expect(result.problems.map((p) => p.message)).toEqual([
      'los porcentajes positivos suman 90 %; en una pregunta de varias respuestas deben sumar 100 %',
    ]);
  });

  test('a prompt too short for Aula, with the schema’s reason', () => {
    const result = one(`<question type="truefalse"><name><text>Corta</text></name>
      <questiontext format="plain_text"><text>¿Sí?</text></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`);
    expect(result.problems).toEqual([
      { line: 3, question: 'Corta', message: 'no cumple el formato de Aula (prompt: escriba el enunciado completo)' },
    ]);
  });

  test('a question before any category goes to a default pool; repeated names get distinct ids', () => {
    const tf = (name: string) => `<question type="truefalse"><name><text>${name}</text></name>
      <questiontext format="plain_text"><text>La inspección ordinaria se avisa con 24 horas.</text></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`;
    const result = one(tf('Aviso') + tf('Aviso'));
    expect(result.pools.map((p) => [p.id, p.title, p.questions.map((q) => q.id)])).toEqual([
      ['importadas', 'Preguntas importadas', ['aviso', 'aviso-2']],
    ]);
  });

  test('a multichoice without <single> is single choice, as Moodle reads it; an old <image> is noted', () => {
    const result = one(`<question type="multichoice"><name><text>Sin single</text></name>
      <questiontext format="plain_text"><text>¿Qué autoridad practica la inspección federal?</text></questiontext>
      <image>plano.png</image>
      <answer fraction="100"><text>La STPS</text></answer><answer fraction="0"><text>El IMSS</text></answer></question>`);
    expect(result.pools[0]?.questions[0]).toMatchObject({ type: 'single', options: [{ correct: true }, {}] });
    expect(result.notes.map((n) => n.message)).toEqual([
      'la imagen en el formato antiguo de Moodle (<image>) no se importa: expórtela de nuevo desde un Moodle actual',
    ]);
  });

  test('the ordering plugin: its answers in the right order become the items', () => {
    const result = one(`<question type="ordering"><name><text>Etapas</text></name>
      <questiontext format="html"><text><![CDATA[<p>Ordene las etapas de la inspección.</p>]]></text></questiontext>
      <answer fraction="1" format="html"><text><![CDATA[<p>Orden de inspección</p>]]></text></answer>
      <answer fraction="2" format="html"><text><![CDATA[<p>Acta circunstanciada</p>]]></text></answer>
      <answer fraction="3" format="html"><text><![CDATA[<p>Emplazamiento</p>]]></text></answer></question>`);
    expect(result.pools[0]?.questions[0]).toMatchObject({
      type: 'ordering',
      items: ['Orden de inspección', 'Acta circunstanciada', 'Emplazamiento'],
    });
  });

  test('numerical with several units keeps the base one and says which were dropped', () => {
    const result = one(`<question type="numerical"><name><text>Jornada</text></name>
      <questiontext format="plain_text"><text>¿Cuántas horas dura la jornada diurna máxima?</text></questiontext>
      <answer fraction="100"><text>8</text><tolerance>0</tolerance></answer>
      <units><unit><multiplier>1</multiplier><unit_name>h</unit_name></unit><unit><multiplier>60</multiplier><unit_name>min</unit_name></unit></units></question>`);
    expect(result.pools[0]?.questions[0]).toMatchObject({ type: 'numeric', answers: [{ value: 8 }], unit: 'h' });
    expect(result.notes.map((n) => n.message)).toEqual(['Moodle aceptaba varias unidades (h, min); Aula conserva solo «h»']);
  });

  test('an image in an option and in its feedback: one asset per file, each reference rewritten', () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const result = one(`<question type="multichoice"><name><text>Señal</text></name>
      <questiontext format="html"><text><![CDATA[<p>¿Qué señal de seguridad es obligatoria aquí?</p>]]></text></questiontext>
      <single>true</single>
      <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/salida.png" alt="Salida">]]></text><file name="salida.png" path="/" encoding="base64">${png}</file>
        <feedback format="html"><text><![CDATA[<p>Sí: <img src="@@PLUGINFILE@@/salida.png" alt="Salida"></p>]]></text><file name="salida.png" path="/" encoding="base64">${png}</file></feedback></answer>
      <answer fraction="0" format="html"><text><![CDATA[<p>Ninguna</p>]]></text></answer></question>`);
    expect(result.assets.map((a) => a.path)).toEqual(['media/senal-salida.png']);
    expect(result.pools[0]?.questions[0]).toMatchObject({
      options: [
        { text: '<img src="media/senal-salida.png" alt="Salida">', feedback: '<p>Sí: <img src="media/senal-salida.png" alt="Salida"></p>' },
        { text: 'Ninguna' },
      ],
    });
  });

  test('categories with the same last name stay apart, and coming back to one adds to its pool', () => {
    const category = (path: string) => `<question type="category"><category><text>${path}</text></category></question>`;
    const tf = (name: string) => `<question type="truefalse"><name><text>${name}</text></name>
      <questiontext format="plain_text"><text>La inspección ordinaria se avisa con 24 horas.</text></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>`;
    const result = one(
      category('$course$/top/Módulo 1/Conceptos') +
        tf('Uno') +
        category('$course$/top/Módulo 2/Conceptos') +
        tf('Dos') +
        category('$course$/top/Módulo 1/Conceptos') +
        tf('Tres') +
        category('$system$/Art. 5//6') +
        tf('Cuatro'),
    );
    expect(result.pools.map((p) => [p.id, p.title, p.questions.map((q) => q.id)])).toEqual([
      ['modulo-1-conceptos', 'Módulo 1 / Conceptos', ['uno', 'tres']],
      ['modulo-2-conceptos', 'Módulo 2 / Conceptos', ['dos']],
      ['art-5-6', 'Art. 5/6', ['cuatro']],
    ]);
  });

  test('a plain-text option in an HTML question is escaped; Markdown feedback becomes HTML', () => {
    const result = one(`<question type="multichoice"><name><text>Mezcla</text></name>
      <questiontext format="html"><text><![CDATA[<p>¿Qué <b>indica</b> la fracción?</p>]]></text></questiontext>
      <generalfeedback format="markdown"><text>Vea el **artículo 132**.</text></generalfeedback>
      <single>true</single>
      <answer fraction="100" format="plain_text"><text>a &lt; b</text></answer><answer fraction="0" format="plain_text"><text>b &gt; a</text></answer></question>`);
    expect(result.problems).toEqual([]);
    expect(result.pools[0]?.questions[0]).toMatchObject({
      format: 'html',
      feedback: '<p>Vea el <strong>artículo 132</strong>.</p>',
      options: [{ text: 'a &lt; b' }, { text: 'b &gt; a' }],
    });
  });

  test('a referenced image that is not embedded is kept as written and noted', () => {
    const result = one(`<question type="description"><name><text>Sin archivo</text></name>
      <questiontext format="html"><text><![CDATA[<p>Observe el plano.</p><img src="@@PLUGINFILE@@/plano.png">]]></text></questiontext></question>`);
    expect(result.notes.map((n) => n.message)).toEqual(['el texto cita el archivo «plano.png», que no viene incluido en el XML']);
    expect(result.assets).toEqual([]);
  });
});

describe('importMoodleXml on files that are not a bank', () => {
  test('an empty file', () => {
    expect(importMoodleXml(new Uint8Array()).problems).toEqual([{ message: 'El archivo está vacío.' }]);
  });

  test('malformed XML, with the line where it breaks', () => {
    const result = importMoodleXml(
      '<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n<name><text>Roto</text>\n</question>\n</quiz>',
    );
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.line).toBe(5);
    expect(result.problems[0]?.message).toMatch(/^El XML está mal formado en la línea 5/);
  });

  test('XML that is not a Moodle bank', () => {
    expect(importMoodleXml('<?xml version="1.0"?><rss><channel/></rss>').problems[0]?.message).toMatch(/falta el elemento <quiz>/);
  });

  test('an XML bomb is not expanded: its entities stay as written', () => {
    const lol = Array.from({ length: 12 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY lol0 "lol">${lol}]><quiz><question type="description"><name><text>&lol12;</text></name></question></quiz>`;
    expect(importMoodleXml(xml).problems.map((p) => [p.question, p.message])).toEqual([
      ['&lol12;', 'no cumple el formato de Aula (prompt: no puede quedar vacío)'],
    ]);
  });

  test('a binary file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(importMoodleXml(png).problems[0]?.message).toMatch(/no es de texto/);
  });

  test('a Windows-1252 file is read with its accents, and said so', () => {
    const xml = `<?xml version="1.0"?><quiz><question type="truefalse"><name><text>Inspección</text></name>
      <questiontext format="plain_text"><text>La inspección extraordinaria procede por denuncia.</text></questiontext>
      <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>`;
    const bytes = new Uint8Array([...xml].map((c) => c.charCodeAt(0)));
    const result = importMoodleXml(bytes);
    expect(result.pools[0]?.questions[0]?.prompt).toBe('La inspección extraordinaria procede por denuncia.');
    expect(result.notes[0]?.message).toMatch(/Windows-1252/);
  });
});
