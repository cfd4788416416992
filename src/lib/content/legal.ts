import type { LAWS } from './schemas.ts';

export type Law = (typeof LAWS)[number];

/** Full names, for the citation's title and the legal index. */
export const LAW_NAMES: Record<Law, string> = {
  CPEUM: 'Constitución Política de los Estados Unidos Mexicanos',
  LFT: 'Ley Federal del Trabajo',
  LSS: 'Ley del Seguro Social',
  LFPED: 'Ley Federal para Prevenir y Eliminar la Discriminación',
  LGAMVLV: 'Ley General de Acceso de las Mujeres a una Vida Libre de Violencias',
  LINFONAVIT: 'Ley del Instituto del Fondo Nacional de la Vivienda para los Trabajadores',
  CFF: 'Código Fiscal de la Federación',
  LGTAIP: 'Ley General de Transparencia y Acceso a la Información Pública',
  LOCFCRL: 'Ley Orgánica del Centro Federal de Conciliación y Registro Laboral',
  RGITAS: 'Reglamento General de Inspección del Trabajo y Aplicación de Sanciones',
  'NOM-035': 'NOM-035-STPS-2018, Factores de riesgo psicosocial en el trabajo',
  'T-MEC': 'Tratado entre México, Estados Unidos y Canadá',
  C081: 'Convenio 81 de la OIT sobre la inspección del trabajo',
  C087: 'Convenio 87 de la OIT sobre la libertad sindical y la protección del derecho de sindicación',
  C098: 'Convenio 98 de la OIT sobre el derecho de sindicación y de negociación colectiva',
  C111: 'Convenio 111 de la OIT sobre la discriminación (empleo y ocupación)',
  C155: 'Convenio 155 de la OIT sobre seguridad y salud de los trabajadores',
  C187: 'Convenio 187 de la OIT sobre el marco promocional para la seguridad y salud en el trabajo',
  C190: 'Convenio 190 de la OIT sobre la violencia y el acoso',
  'ACUERDO-REPSE':
    'Acuerdo por el que se dan a conocer las disposiciones de carácter general para el registro de personas que prestan servicios especializados (REPSE)',
};

/** How a law is named in a citation: conventions are "Convenio 87 de la OIT", treaties "T-MEC". */
const SHORT: Partial<Record<Law, string>> = {
  C081: 'Convenio 81 OIT',
  C087: 'Convenio 87 OIT',
  C098: 'Convenio 98 OIT',
  C111: 'Convenio 111 OIT',
  C155: 'Convenio 155 OIT',
  C187: 'Convenio 187 OIT',
  C190: 'Convenio 190 OIT',
  'ACUERDO-REPSE': 'Acuerdo REPSE',
};

export interface Citation {
  law: Law;
  /** Article, rule or paragraph: "133", "390 Bis", "23.3", "Anexo 23-A". */
  art?: string;
  /** Fraction (fracción), in Roman numerals: "IV", "VI Bis". */
  fr?: string;
  /** Paragraph (párrafo) or inciso, as written in the law. */
  parr?: string;
  inciso?: string;
}

/**
 * The citation as inspectors write it: "LFT, art. 133, fr. IV".
 * @example formatCitation({ law: 'LFT', art: '390 Bis', fr: 'I' }) // "LFT, art. 390 Bis, fr. I"
 */
export function formatCitation(c: Citation): string {
  const parts = [SHORT[c.law] ?? c.law];
  if (c.art) parts.push(/^(anexo|cap|numeral|regla|transitorio)/i.test(c.art) ? c.art : `art. ${c.art}`);
  if (c.fr) parts.push(`fr. ${c.fr}`);
  if (c.inciso) parts.push(`inciso ${c.inciso}`);
  if (c.parr) parts.push(`párr. ${c.parr}`);
  return parts.join(', ');
}

/** A stable anchor for an article in the legal index: "lft-390-bis". */
export function citationAnchor(c: Pick<Citation, 'law' | 'art'>): string {
  return `${c.law}-${c.art ?? ''}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
