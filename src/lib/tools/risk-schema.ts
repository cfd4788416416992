import { z } from 'astro/zod';

/**
 * The fictional employers of the risk targeting exercise (content/tools/risk/employers.json,
 * written by scripts/generate-risk-data.ts): the signals module 8 teaches, never real workplaces.
 */
export const REPSE_STATUSES = ['vigente', 'vencido', 'sin_registro', 'no_aplica'] as const;
export const CBA_STATUSES = ['legitimado', 'terminado', 'sin_constancia', 'sin_contrato'] as const;

export const employerSchema = z.object({
  id: z.string().regex(/^E\d{2}$/, 'el id es E y dos dígitos (p. ej. "E07")'),
  name: z.string().min(5),
  state: z.enum(['Estado de México', 'Puebla', 'San Luis Potosí']),
  municipality: z.string().min(3),
  process: z.string().min(3),
  workforce: z.number().int().positive(),
  subcontractedPct: z.number().int().min(0).max(100),
  repse: z.enum(REPSE_STATUSES),
  complaints12m: z.number().int().min(0),
  priorViolations2y: z.number().int().min(0),
  cba: z.enum(CBA_STATUSES),
  tmecExports: z.boolean(),
  womenPct: z.number().int().min(0).max(100),
  genderPayGapPct: z.number().int().min(0).max(100),
  turnoverPct: z.number().int().min(0).max(300),
  wageVsSectorPct: z.number().int().positive(),
  /** Null: never inspected, so no model has a label for it. */
  monthsSinceInspection: z.number().int().min(0).nullable(),
  /** Interviews or press reports of reprisals against people who complain or organize. */
  retaliationSignals: z.boolean(),
});

export const riskDataSchema = z
  .object({
    fictional: z.literal(true, { error: 'los datos deben declararse ficticios (fictional: true)' }),
    note: z.string().min(10),
    generatedBy: z.string(),
    seed: z.number().int(),
    employers: z.array(employerSchema).min(20, 'el ejercicio necesita al menos 20 empleadores'),
  })
  .refine((d) => new Set(d.employers.map((e) => e.id)).size === d.employers.length, 'hay ids de empleador repetidos');

export type Employer = z.output<typeof employerSchema>;
export type RiskData = z.output<typeof riskDataSchema>;
