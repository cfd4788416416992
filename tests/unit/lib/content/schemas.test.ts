import { describe, expect, test } from 'vitest';
import { lessonSchema, moduleSchema } from '../../../../src/lib/content/schemas.ts';

const valid = {
  title: 'Subcontratación de personal',
  order: 1,
  hours: 2.5,
  kind: 'lectura',
  objectives: ['Aplicar la prueba de subordinación del artículo 12 de la LFT.'],
  minMinutes: 25,
  sources: [{ title: 'Ley Federal del Trabajo', url: 'https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf' }],
};

function messages(value: unknown): string[] {
  const result = lessonSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('lessonSchema', () => {
  test('accepts a complete lesson and defaults draft to false', () => {
    expect(lessonSchema.parse(valid).draft).toBe(false);
  });

  test.each([
    ['a missing title', { title: undefined }, 'title'],
    ['hours that are not a multiple of 15 minutes', { hours: 2.1 }, 'hours: debe ser múltiplo de 0.25 h (15 minutos)'],
    ['negative hours', { hours: -1 }, 'hours: debe ser mayor que cero'],
    ['an unknown kind', { kind: 'video' }, 'kind: debe ser uno de: lectura, caso, herramienta, practica'],
    ['no objectives', { objectives: [] }, 'objectives: declare al menos un objetivo de aprendizaje'],
    ['no sources', { sources: [] }, 'sources: cite al menos una fuente'],
    [
      'a source URL that is not a URL',
      { sources: [{ title: 'Ley Federal del Trabajo', url: 'diputados.gob.mx' }] },
      'sources.0.url: debe ser una URL completa (https://…)',
    ],
    ['fractional minimum minutes', { minMinutes: 2.5 }, 'minMinutes: debe ser un entero de minutos'],
    ['an order of zero', { order: 0 }, 'order: debe ser 1 o mayor'],
  ])('rejects %s', (_what, override, expected) => {
    expect(messages({ ...valid, ...override }).join('\n')).toContain(expected);
  });
});

describe('moduleSchema', () => {
  test('requires the English summary for program staff', () => {
    const result = moduleSchema.safeParse({
      number: 1,
      title: 'Fundamentos',
      hours: 10,
      budget: { study: 6, live: 2, practice: 1, evaluation: 1 },
      summary: 'Un resumen suficientemente largo del módulo en español.',
      objectives: ['Explicar el mandato de la inspección.'],
      assessment: 'Cuestionario',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['summaryEn']);
  });
});
