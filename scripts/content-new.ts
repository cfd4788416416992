// npm run content:new -- leccion <modulo> "Título"   → content/modules/<modulo>/NN-slug.mdx
// npm run content:new -- modulo <NN-slug> "Título"   → content/modules/<NN-slug>/module.yaml
// Scaffolds valid frontmatter (as a draft) so the author starts from something content:check accepts.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldForSearch } from '../src/lib/text.ts';

const [kind, target, ...titleWords] = process.argv.slice(2);
const title = titleWords.join(' ').trim();
const usage =
  'Uso:\n  npm run content:new -- leccion <carpeta-del-módulo> "Título de la lección"\n  npm run content:new -- modulo <NN-slug> "Título del módulo"';
if (!kind || !target || title.length < 5) {
  console.error(usage);
  process.exit(1);
}
const slugify = (s: string) =>
  foldForSearch(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
const quote = (s: string) => JSON.stringify(s);

if (kind === 'leccion') {
  const dir = join('content/modules', target);
  if (!existsSync(join(dir, 'module.yaml'))) {
    console.error(`No existe el módulo ${dir}/module.yaml.`);
    process.exit(1);
  }
  const order = readdirSync(dir).filter((f) => f.endsWith('.mdx')).length + 1;
  const file = join(dir, `${String(order).padStart(2, '0')}-${slugify(title)}.mdx`);
  writeFileSync(
    file,
    `---
title: ${quote(title)}
order: ${order}
hours: 1
kind: lectura
objectives:
  - "Explicar …"
minMinutes: 20
sources:
  - title: "Ley Federal del Trabajo, texto vigente (última reforma DOF 14-05-2026)"
    url: "https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf"
draft: true
---

## Introducción

Escriba aquí la explicación (al menos 500 palabras). Cite con <LegalRef law="LFT" art="540" />.

## Fundamento legal

## Ejemplo en el sector autopartes

## Autoevaluación

<SelfCheck
  question="¿…?"
  options={[
    { text: "Opción correcta", correct: true, feedback: "Correcto: …" },
    { text: "Otra opción", feedback: "No: …" },
  ]}
/>
`,
  );
  console.log(`✓ ${file} (borrador). Ajuste las horas del módulo y quite draft: true al publicarla; luego: npm run content:check`);
} else if (kind === 'modulo') {
  if (!/^\d{2}-[a-z0-9-]+$/.test(target)) {
    console.error('La carpeta del módulo debe llamarse NN-slug, p. ej. 11-seguridad-salud.');
    process.exit(1);
  }
  const dir = join('content/modules', target);
  if (existsSync(dir)) {
    console.error(`Ya existe ${dir}.`);
    process.exit(1);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'module.yaml'),
    `number: ${Number(target.slice(0, 2))}
title: ${quote(title)}
hours: 1
summary: "Resumen del módulo en una o dos oraciones, en español."
summaryEn: "One or two sentences in English for program staff."
objectives:
  - "Explicar …"
prerequisites: []
assessment: "Cuestionario"
`,
  );
  console.log(
    `✓ ${dir}/module.yaml. Agréguelo a la lista modules de content/program.yaml; luego: npm run content:new -- leccion ${target} "Título"`,
  );
} else {
  console.error(usage);
  process.exit(1);
}
