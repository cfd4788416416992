import { describe, expect, test } from 'vitest';
import { checklistSchema } from '../../src/lib/tools/checklist-schema.ts';
import { getChecklists } from '../../src/lib/tools/checklists.ts';
import { checklistIdsInMdx, splitChecklistSlots } from '../../src/lib/tools/checklist-slots.ts';

const item = {
  id: 'S-1',
  text: 'Conteo',
  guidance: 'Plantilla y nómina',
  legalBasis: [{ law: 'LFT', art: '12' }],
  redFlag: 'Personal de más',
};
const valid = {
  id: 'prueba',
  title: 'Lista de prueba',
  lesson: '07-herramientas-autopartes/01-lista',
  summary: 'Una lista de prueba',
  items: [item, { ...item, id: 'S-2' }, { ...item, id: 'S-3' }],
};

describe('checklist schema', () => {
  test('the three checklists of module 7 are valid and each item has a legal basis', () => {
    const lists = getChecklists();
    expect([...lists.keys()].sort()).toEqual(['igualdad-genero', 'libertad-sindical', 'subcontratacion']);
    for (const list of lists.values()) for (const i of list.items) expect(i.legalBasis.length + (i.legalNote ? 1 : 0)).toBeGreaterThan(0);
    expect(lists.get('subcontratacion')?.items.map((i) => i.id)).toContain('S-14');
  });

  test('accepts a valid checklist', () => {
    expect(checklistSchema.safeParse(valid).success).toBe(true);
  });

  test.each([
    [
      'an unknown law',
      { items: [{ ...item, legalBasis: [{ law: 'LEY-X', art: '1' }] }, valid.items[1], valid.items[2]] },
      'ley desconocida',
    ],
    ['an item without basis or note', { items: [{ ...item, legalBasis: [] }, valid.items[1], valid.items[2]] }, 'legalBasis'],
    ['a repeated item id', { items: [item, item, valid.items[2]] }, 'repetido'],
    ['a bad item id', { items: [{ ...item, id: 's1' }, valid.items[1], valid.items[2]] }, 'letra mayúscula'],
    ['a lesson that is not a lesson id', { lesson: 'leccion' }, 'id de una lección'],
    ['fewer than three items', { items: [item] }, 'al menos 3'],
  ])('rejects %s with a Spanish message', (_name, change, message) => {
    const result = checklistSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(' ')).toContain(message);
  });
});

describe('checklist slots in a prerendered body', () => {
  test('cuts the body at each slot and keeps the rest intact', () => {
    const html = '<h2>A</h2><div data-checklist-slot="subcontratacion"><p class="muted">aquí</p></div><p>B</p>';
    const parts = splitChecklistSlots(html);
    expect(parts).toEqual([{ html: '<h2>A</h2>' }, { checklistId: 'subcontratacion' }, { html: '<p>B</p>' }]);
    expect(splitChecklistSlots('<p>x</p>')).toEqual([{ html: '<p>x</p>' }]);
  });

  test('finds the checklists an MDX source shows', () => {
    expect(checklistIdsInMdx('texto\n<Checklist id="igualdad-genero" />\n')).toEqual(['igualdad-genero']);
  });
});
