import { z } from 'astro/zod';
import { LAWS } from '../content/schemas.ts';

/**
 * A field checklist of module 7 (content/tools/checklists/<id>.yaml): each item with its legal
 * basis and what to ask for. Shared by the lesson form, the printable PDF and `npm run content:check`.
 */
export const CHECKLIST_MARKS = ['cumple', 'no_cumple', 'no_aplica'] as const;
export type ChecklistMark = (typeof CHECKLIST_MARKS)[number];

const citationSchema = z.object({
  law: z.enum(LAWS, { error: `ley desconocida; use una de ${LAWS.join(', ')}` }),
  art: z.string().optional(),
  fr: z.string().optional(),
  parr: z.string().optional(),
  inciso: z.string().optional(),
});

export const checklistItemSchema = z
  .object({
    id: z.string().regex(/^[A-Z]-\d+$/, 'el id de un punto es una letra mayúscula, guion y número (p. ej. "S-1")'),
    block: z.string().min(3, 'escriba el nombre del bloque').optional(),
    text: z.string().min(3, 'escriba el punto a revisar'),
    guidance: z.string().min(10, 'escriba qué pedir u observar (guidance)'),
    legalBasis: z.array(citationSchema).default([]),
    legalNote: z.string().min(10).optional(),
    redFlag: z.string().min(5, 'escriba la señal de alerta (redFlag)'),
  })
  .refine((i) => i.legalBasis.length > 0 || i.legalNote, 'cada punto necesita legalBasis (citas) o legalNote');

export const checklistSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'debe ser un slug en minúsculas con guiones'),
    title: z.string().min(5, 'escriba el título de la lista'),
    /** The lesson that teaches it: "<module-folder>/<lesson-file>". */
    lesson: z.string().regex(/^\d{2}-[a-z0-9-]+\/\d{2}-[a-z0-9-]+$/, 'lesson es el id de una lección: "07-modulo/01-leccion"'),
    summary: z.string().min(10, 'escriba un resumen de una línea'),
    items: z.array(checklistItemSchema).min(3, 'una lista necesita al menos 3 puntos'),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    for (const [index, item] of c.items.entries()) {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `punto "${item.id}" repetido` });
      seen.add(item.id);
    }
  });

export type Checklist = z.output<typeof checklistSchema>;
export type ChecklistItem = Checklist['items'][number];
/** A learner's marks: item id → mark and note. */
export type ChecklistMarks = Record<string, { mark: ChecklistMark | null; note: string }>;
