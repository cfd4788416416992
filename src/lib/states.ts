import { foldForSearch } from './text.ts';

/** The 32 entidades federativas, with the names Aula shows and stores. */
export const STATES = [
  'Aguascalientes',
  'Baja California',
  'Baja California Sur',
  'Campeche',
  'Chiapas',
  'Chihuahua',
  'Ciudad de México',
  'Coahuila',
  'Colima',
  'Durango',
  'Estado de México',
  'Guanajuato',
  'Guerrero',
  'Hidalgo',
  'Jalisco',
  'Michoacán',
  'Morelos',
  'Nayarit',
  'Nuevo León',
  'Oaxaca',
  'Puebla',
  'Querétaro',
  'Quintana Roo',
  'San Luis Potosí',
  'Sinaloa',
  'Sonora',
  'Tabasco',
  'Tamaulipas',
  'Tlaxcala',
  'Veracruz',
  'Yucatán',
  'Zacatecas',
] as const;
export type State = (typeof STATES)[number];

/** Other ways a spreadsheet in Mexico writes a state (official long names, abbreviations). */
const ALIASES: Record<string, State> = {
  mexico: 'Estado de México',
  edomex: 'Estado de México',
  'edo. de mexico': 'Estado de México',
  'edo mex': 'Estado de México',
  cdmx: 'Ciudad de México',
  'distrito federal': 'Ciudad de México',
  'coahuila de zaragoza': 'Coahuila',
  'michoacan de ocampo': 'Michoacán',
  'veracruz de ignacio de la llave': 'Veracruz',
  slp: 'San Luis Potosí',
  bc: 'Baja California',
  bcs: 'Baja California Sur',
  qroo: 'Quintana Roo',
  'q. roo': 'Quintana Roo',
};

const BY_FOLDED = new Map<string, State>([...STATES.map((s) => [foldForSearch(s), s] as const), ...Object.entries(ALIASES)]);

/** "san luis potosi", "SLP" and "San Luis Potosí" all resolve to the stored name; unknown gives null. */
export function resolveState(value: string): State | null {
  return BY_FOLDED.get(foldForSearch(value).replace(/\s+/g, ' ')) ?? null;
}
