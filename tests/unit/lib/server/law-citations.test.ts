import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../../../src/lib/server/content-check/check.ts';
import { checkLawCitations } from '../../../../src/lib/server/content-check/law-citations-check.ts';
import { checkCitation, extractTextCitations, type LawData } from '../../../../src/lib/server/content-check/law-citations.ts';
import { normalizeArticle, normalizeFraction, parseLawText } from '../../../../src/lib/server/content-check/law-text.ts';

// An excerpt shaped like ../shared/sources/leyes/LFT.md: bold headings with the suffix inside or
// outside the bold, fractions alone on their line, a running page header between a fraction and its
// text, repealed articles and fractions, the PDF's glitches, and the transitory articles of a decree.
const EXCERPT = `---
type: ley-federal
sigla: LFT
titulo: "Ley Federal del Trabajo"
ultima_reforma: "2026-05-14"
---

# Ley Federal del Trabajo
> Última reforma publicada DOF 14-05-2026

Nueva Ley publicada en el Diario Oficial de la Federación el 1º de abril de 1970
${'\n'.repeat(20)}
## TITULO PRIMERO

**Artículo 3o.-** El trabajo es un derecho y un deber social.

**Artículo 3o.** Bis.- Para efectos de esta Ley se entiende por:
a) Hostigamiento, el ejercicio del poder;
b) Acoso sexual, una forma de violencia.

**Artículo 5o.-** Se deroga.
Artículo derogado DOF 01-05-2019

**Artículo 132.-** Son obligaciones de los patrones:
I.

Cumplir las disposiciones de las normas de trabajo que señala el
artículo 36. Esta línea continúa la fracción;

LEY FEDERAL DEL TRABAJO

Últimas Reformas DOF 01-05-2026

II.

LEY FEDERAL DEL TRABAJO

Se deroga.
Fracción derogada DOF 01-05-2019

II Bis. Contar con instalaciones adecuadas;
III. Proporcionar oportunamente a los trabajadores los útiles, en los términos del apartado
C. de esta Ley; y
XVI. de la Constitución; y
b) IV.

Lo demás que fijen las leyes.
lV. Una fracción leída «lV» por el PDF, fuera de orden, no cuenta.

**Artículo 512-D Bis.-** La Secretaría podrá ordenar la restricción de acceso.

**Artículo 20** Quáter.- Se consideran como discriminación, entre otras:
I. Impedir el acceso a la educación;
II. Establecer contenidos que asignen papeles inferiores;
II. Bis. La falta de accesibilidad en el entorno físico;
II Ter. La denegación de ajustes razonables;

Artículo 26.

Texto del artículo sin negritas.
${'LEY FEDERAL DEL TRABAJO\n\nÚltimas Reformas DOF 01-05-2026\n'.repeat(10)}
## TRANSITORIOS

**Artículo 1º.-** Esta Ley entrará en vigor el día 1o. de mayo de 1970.

ARTÍCULOS TRANSITORIOS DE DECRETOS DE REFORMA

DECRETO por el que se reforman diversas disposiciones de la Ley Federal del Trabajo.
Publicado en el Diario Oficial de la Federación el 1 de mayo de 2019

ARTÍCULO PRIMERO. SE REFORMAN el artículo 132.

## TRANSITORIOS
Primero. Vigencia. El presente Decreto entrará en vigor al día siguiente.
Décimo Primero. Legitimación de Contratos Colectivos de Trabajo.
**Artículo Decimoctavo.** Derogado.
`;

describe('parseLawText', () => {
  const law = parseLawText(EXCERPT);

  test('reads the law and its date from the header', () => {
    expect(law).toMatchObject({
      law: 'LFT',
      title: 'Ley Federal del Trabajo',
      lastReform: '2026-05-14',
      published: '1970-04-01',
      lastDecree: '2019-05-01',
    });
  });

  test('lists every article, with "Bis" outside the bold, a letter suffix, and a heading that lost its bold', () => {
    expect(Object.keys(law.articles).sort()).toEqual(['132', '20 Quáter', '26', '3', '3 Bis', '5', '512-D Bis']);
    // "II. Bis." is how LFPED writes "II Bis".
    expect(law.articles['20 Quáter']).toEqual({ fractions: ['I', 'II', 'II Bis', 'II Ter'] });
  });

  test('marks a repealed article, and reads fractions in order across page headers, with a repealed one', () => {
    expect(law.articles['5']).toEqual({ repealed: true });
    expect(law.articles['3']).toEqual({});
    // "C." and "XVI." begin wrapped lines out of order, and "lV." comes after IV: none is a fraction.
    expect(law.articles['132']).toEqual({ fractions: ['I', 'II', 'II Bis', 'III', 'IV'], repealedFractions: ['II'] });
  });

  test('lists the transitory articles of the law and of each decree, by DOF date', () => {
    expect(law.transitories).toEqual({ original: ['1'], '2019-05-01': ['Primero', 'Décimo Primero', 'Décimo Octavo'] });
  });

  test('normalizes article and fraction numbers the way the sources and the lessons write them', () => {
    expect(normalizeArticle('3o. Bis')).toBe('3 Bis');
    expect(normalizeArticle('6o')).toBe('6');
    expect(normalizeArticle('15 A')).toBe('15-A');
    expect(normalizeArticle('512-d bis')).toBeNull();
    expect(normalizeArticle('512-D BIS')).toBe('512-D Bis');
    expect(normalizeArticle('Cap. III')).toBeNull();
    expect(normalizeFraction('xiii bis')).toBe('XIII Bis');
    expect(normalizeFraction('XXII. Bis')).toBe('XXII Bis');
    expect(normalizeFraction('IIII')).toBeNull();
  });
});

const DATA: LawData = {
  laws: {
    LFT: {
      law: 'LFT',
      title: 'Ley Federal del Trabajo',
      lastReform: '2026-05-14',
      articles: {
        '15-A': { repealed: true },
        '132': { fractions: ['I', 'II', 'XXX', 'XXXI'], repealedFractions: ['II'] },
        '133': { fractions: ['IV', 'XIV'] },
        '685 Ter': { fractions: ['I', 'IV'] },
        '994': { fractions: ['VI'] },
        '995': {},
      },
      transitories: { '2019-05-01': ['Décimo Primero'] },
    },
    CPEUM: {
      law: 'CPEUM',
      title: 'Constitución',
      lastReform: '2026-06-02',
      articles: { '123': { fractions: ['XXXI'] } },
      transitories: {},
    },
  },
};

describe('checkCitation', () => {
  test('accepts an article, a fraction and a transitory article in force', () => {
    expect(checkCitation(DATA, { law: 'LFT', art: '132', fr: 'XXXI' })).toBeNull();
    expect(checkCitation(DATA, { law: 'LFT', art: '685 Ter', fr: 'IV' })).toBeNull();
    expect(checkCitation(DATA, { law: 'LFT', art: 'Transitorio Décimo Primero' })).toBeNull();
    expect(checkCitation(DATA, { law: 'LFT' })).toBeNull();
  });

  test('rejects a missing article, a missing fraction, and a repealed article or fraction', () => {
    expect(checkCitation(DATA, { law: 'LFT', art: '99999' })).toBe(
      'la LFT no tiene artículo 99999 (texto vigente, última reforma DOF 14-05-2026)',
    );
    expect(checkCitation(DATA, { law: 'LFT', art: '132', fr: 'XL' })).toBe(
      'el artículo 132 de la LFT no tiene fracción XL (tiene I a XXXI; texto vigente, última reforma DOF 14-05-2026)',
    );
    expect(checkCitation(DATA, { law: 'LFT', art: '995', fr: 'I' })).toMatch(
      /^el artículo 995 de la LFT no tiene fracción I \(no tiene fracciones/,
    );
    expect(checkCitation(DATA, { law: 'LFT', art: '15-A' })).toMatch(/^el artículo 15-A de la LFT está derogado/);
    expect(checkCitation(DATA, { law: 'LFT', art: '132', fr: 'II' })).toMatch(/^la fracción II del artículo 132 de la LFT está derogada/);
    expect(checkCitation(DATA, { law: 'LFT', art: 'Transitorio Cuadragésimo' })).toMatch(/^ningún decreto de la LFT tiene un transitorio/);
  });

  test('leaves laws whose text is not in the sources to the caller', () => {
    expect(checkCitation(DATA, { law: 'C190', art: '99999' })).toBeNull();
  });
});

describe('extractTextCitations', () => {
  test('reads lists, fractions, suffixes and the law named before, after or by the question', () => {
    const found = (text: string, fallback: string | null = null) =>
      extractTextCitations(text, fallback).map((c) => [c.law, c.art, c.fr ?? ''].join(' ').trim());
    expect(found('LFT, art. 132, fr. XXXI; LFT, arts. 133, frs. IV y V, y 994.')).toEqual([
      'LFT 132 XXXI',
      'LFT 133 IV',
      'LFT 133 V',
      'LFT 994',
    ]);
    expect(found('el artículo 685 Ter de la LFT y el art. 123, apartado A, fr. XXXI, de la Constitución')).toEqual([
      'LFT 685 Ter',
      'CPEUM 123 XXXI',
    ]);
    expect(found('¿Qué exige la fracción XXXI del artículo 132 de la LFT?')).toEqual(['LFT 132 XXXI']);
    // A law named inside a closed parenthesis, or right after an article, does not carry over.
    expect(found('LFT, art. 170, fr. IV. Es violencia (LGAMVLV, art. 11). Sanción: art. 995.')).toEqual([
      'LFT 170 IV',
      'LGAMVLV 11',
      'LFT 995',
    ]);
    expect(found('LFT, art. 1009, y art. 14 constitucional; funda la competencia en el art. 1008')).toEqual([
      'LFT 1009',
      'CPEUM 14',
      'LFT 1008',
    ]);
    expect(found('a la luz del art. 10 del Convenio 190 y del art. 23.3 del T-MEC')).toEqual(['other:C190 10']);
    expect(found('el art. 1004-C LFT y el art. 15 A LSS; LFT, art. 12, LSS, art. 15 A')).toEqual([
      'LFT 1004-C',
      'LSS 15 A',
      'LFT 12',
      'LSS 15 A',
    ]);
    expect(found('Sanción: art. 995.', 'LFT')).toEqual(['LFT 995']);
    expect(found('Sanción: art. 995.')).toEqual(['995']);
  });
});

describe('checkLawCitations', () => {
  test('reports a quiz feedback and a <LegalRef> that cite what is not in force, with file and line, and counts the rest', () => {
    const root = mkdtempSync(join(tmpdir(), 'aula-q5-citations-'));
    mkdirSync(join(root, 'modules', '01-uno'), { recursive: true });
    writeFileSync(
      join(root, 'modules', '01-uno', 'quiz.yaml'),
      [
        'title: "Evaluación"',
        'pools:',
        '  - id: marco',
        '    questions:',
        '      - id: protocolo',
        '        type: single',
        '        prompt: "¿Qué exige la LFT del protocolo?"',
        '        options:',
        '          - { id: a, text: "Un acuerdo.", correct: true, feedback: "Correcto: art. 132, fr. XXXI." }',
        '          - { id: b, text: "Nada.", feedback: "No: art. 132, fr. XL, y Convenio 190, art. 10." }',
        '        feedback: "LFT, art. 15-A, y art. 123, apartado A, fr. XXXI, de la Constitución."',
      ].join('\n'),
    );
    mkdirSync(join(root, 'tools', 'checklists'), { recursive: true });
    mkdirSync(join(root, 'tools', 'inspections'), { recursive: true });
    writeFileSync(
      join(root, 'tools', 'checklists', 'lista.yaml'),
      ['items:', '  - id: protocolo', '    legalBasis:', '      - law: LFT', '        art: "132"', '        fr: II'].join('\n'),
    );
    writeFileSync(
      join(root, 'tools', 'inspections', 'escenario.yaml'),
      [
        'facts:',
        '  - id: agencia',
        '    basis: ["LFT, art. 15-A", "LFT, art. 133, fr. XIV"]',
        '    feedback: "Prueba la subordinación (LFT, art. 995, fr. I)."',
      ].join('\n'),
    );
    const problems: string[] = [];
    const lesson = {
      file: 'leccion.mdx',
      bodyStartLine: 5,
      body: [
        'Texto.',
        '<LegalRef law="LFT" art="99999" />',
        '<LegalRef law="C081" art="3" />',
        '<LegalRef law="LFT" art="133" fr="XIV" />',
        '<SelfCheck question="¿Qué obliga a implementar un protocolo?" options={[',
        '  { text: "La fr. XXXI.", correct: true, feedback: "Correcto: art. 132, fr. XXXI." },',
        '  { text: "La fr. XL.", feedback: "No: el art. 132, fr. XL, no existe." }]} />',
      ].join('\n'),
    };
    const count = checkLawCitations(root, DATA, [lesson], (file, line, message) =>
      problems.push(`${file.replace(root, '')}:${line}: ${message}`),
    );
    expect(problems).toEqual([
      'leccion.mdx:6: <LegalRef law="LFT" art="99999" />: la LFT no tiene artículo 99999 (texto vigente, última reforma DOF 14-05-2026)',
      // A self-check's citation that names no law takes the law the lesson cites most.
      'leccion.mdx:11: <SelfCheck>: cita «art. 132, fr. XL» (LFT): el artículo 132 de la LFT no tiene fracción XL (tiene I a XXXI; texto vigente, última reforma DOF 14-05-2026)',
      '/modules/01-uno/quiz.yaml:10: cita «art. 132, fr. XL» (LFT): el artículo 132 de la LFT no tiene fracción XL (tiene I a XXXI; texto vigente, última reforma DOF 14-05-2026)',
      '/modules/01-uno/quiz.yaml:11: cita «art. 15-A» (LFT): el artículo 15-A de la LFT está derogado (texto vigente, última reforma DOF 14-05-2026)',
      '/tools/inspections/escenario.yaml:3: «LFT, art. 15-A»: el artículo 15-A de la LFT está derogado (texto vigente, última reforma DOF 14-05-2026)',
      '/tools/inspections/escenario.yaml:4: cita «art. 995, fr. I» (LFT): el artículo 995 de la LFT no tiene fracción I (no tiene fracciones; texto vigente, última reforma DOF 14-05-2026)',
      '/tools/checklists/lista.yaml:4: legalBasis: LFT, art. 132, fr. II: la fracción II del artículo 132 de la LFT está derogada (texto vigente, última reforma DOF 14-05-2026)',
    ]);
    expect(count).toEqual({
      checked: 12,
      other: new Map([
        ['C081', 1],
        ['C190', 1],
      ]),
      unattributed: 0,
    });
  });
});

describe('content:check', () => {
  test('checks the citations of a course that has content/legal/articles.json and says how many it could not check', () => {
    const root = mkdtempSync(join(tmpdir(), 'aula-q5-course-'));
    cpSync('tests/fixtures/content-good', root, { recursive: true });
    mkdirSync(join(root, 'legal'));
    writeFileSync(join(root, 'legal', 'articles.json'), JSON.stringify(DATA));
    const lesson = join(root, 'modules', '01-primero', '01-uno.mdx');
    writeFileSync(lesson, `${readFileSync(lesson, 'utf8')}\nVéase <LegalRef law="LFT" art="99999" /> y <LegalRef law="C190" art="1" />.\n`);
    const notes: string[] = [];
    const problems = checkContent(root, notes).map((p) => `${p.line}: ${p.message}`);
    const line =
      readFileSync(lesson, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('99999')) + 1;
    expect(problems).toEqual([
      `${line}: <LegalRef law="LFT" art="99999" />: la LFT no tiene artículo 99999 (texto vigente, última reforma DOF 14-05-2026)`,
    ]);
    expect(notes.filter((n) => n.startsWith('Citas legales'))).toEqual([
      `Citas legales: 5 verificadas contra ${join(root, 'legal', 'articles.json')}; 1 de otros instrumentos sin verificar (C190 1).`,
    ]);
  });

  test('the course cites no article that is missing or repealed in the laws in force', () => {
    const data = JSON.parse(readFileSync('content/legal/articles.json', 'utf8')) as LawData;
    expect(Object.keys(data.laws)).toEqual(['LFT', 'CPEUM', 'LSS', 'LFPED', 'LGAMVLV']);
    expect(data.laws.LFT?.articles['132']?.fractions).toContain('XXXI');
    expect(data.laws.LFT?.articles['15-A']).toEqual({ repealed: true });
    const notes: string[] = [];
    expect(checkContent('content', notes).filter((p) => /texto vigente|no es un número|no es una fracción/.test(p.message))).toEqual([]);
    expect(notes.find((n) => n.startsWith('Citas legales'))).toMatch(/^Citas legales: \d{4,} verificadas/);
    // The whole course, under the load of a full test run.
  }, 30_000);
});

describe('scripts/generate-law-articles.ts', () => {
  const sources = join('..', 'shared', 'sources', 'leyes');
  test.skipIf(!existsSync(join(sources, 'LFT.md')))(
    'writes, from the current texts, exactly the content/legal/articles.json that is committed',
    () => {
      const out = join(mkdtempSync(join(tmpdir(), 'aula-q5-laws-')), 'articles.json');
      execFileSync(process.execPath, ['scripts/generate-law-articles.ts', sources, out], { stdio: 'pipe' });
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('content/legal/articles.json', 'utf8'));
    },
    30_000,
  );
});
