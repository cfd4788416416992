import { z } from 'astro/zod';
import { LAWS } from '../../lib/content/schemas.ts';

/**
 * Prop schemas of the authoring components, built once per process: Zod 4 compiles a schema the
 * first time it parses, so a schema created inside a component would be compiled on every render.
 */
export const calloutProps = z.object({
  type: z.enum(['nota', 'importante', 'advertencia', 'pendiente']).default('nota'),
  title: z.string().optional(),
});

export const legalRefProps = z.object({
  law: z.enum(LAWS),
  art: z.string().optional(),
  fr: z.string().optional(),
  parr: z.string().optional(),
  inciso: z.string().optional(),
});

export const timelineProps = z.object({
  title: z.string().min(3),
  steps: z.array(z.object({ when: z.string().optional(), title: z.string().min(2), text: z.string().optional() })).min(2),
});

export const selfCheckProps = z
  .object({
    question: z.string().min(10),
    options: z.array(z.object({ text: z.string().min(1), correct: z.boolean().default(false), feedback: z.string().min(3) })).min(2),
  })
  .refine((v) => v.options.filter((o) => o.correct).length === 1, 'exactamente una opción debe tener correct: true');
