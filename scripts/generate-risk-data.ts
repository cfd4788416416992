// Writes content/tools/risk/employers.json: a fictional set of auto-parts employers in Estado de
// México, Puebla and San Luis Potosí with the risk signals module 8 teaches, for the risk
// targeting exercise (issue 15). Seeded, so the same seed writes the same file:
//   node scripts/generate-risk-data.ts [seed]
// Every name is invented; no row describes a real workplace.
import { writeFileSync } from 'node:fs';
import { seededRandom } from './lib/seeded-random.ts';

const SEED = Number(process.argv[2] ?? 20260915);
const COUNT = 40;

const random = seededRandom(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
const chance = (p: number): boolean => random() < p;

const PLACES = [
  { state: 'Estado de México', municipalities: ['Lerma', 'Toluca', 'Santiago Tianguistenco', 'Cuautitlán Izcalli', 'Tlalnepantla de Baz'] },
  { state: 'Puebla', municipalities: ['San Pedro Cholula', 'Cuautlancingo', 'Huejotzingo', 'Puebla', 'San José Chiapa'] },
  { state: 'San Luis Potosí', municipalities: ['San Luis Potosí', 'Villa de Reyes', 'Soledad de Graciano Sánchez'] },
] as const;
const PROCESSES = [
  'Arneses eléctricos',
  'Estampado de metal',
  'Inyección de plástico',
  'Asientos y vestiduras',
  'Frenos y suspensión',
  'Maquinado de precisión',
] as const;
const NAME_A = ['Arneses', 'Componentes', 'Troqueles', 'Plásticos', 'Autopartes', 'Sistemas', 'Ensambles', 'Metalmecánica'];
const NAME_B = [
  'del Altiplano',
  'Xinantécatl',
  'Cholulteca',
  'del Bajío Potosino',
  'Iztaccíhuatl',
  'Matlalcueye',
  'Tolucana',
  'Tunera',
  'del Valle',
  'Popoca',
  'Nevado',
  'Huasteca',
];
const SUFFIX = ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'];

// A few profiles make the lessons visible: the model's blind spots are built into the data.
type Profile = 'regular' | 'silenced' | 'noisy' | 'recent';
const profileOf = (i: number): Profile => (i % 9 === 4 ? 'silenced' : i % 11 === 7 ? 'noisy' : i % 13 === 5 ? 'recent' : 'regular');

const names = new Set<string>();
const employers = [];
for (let i = 0; i < COUNT; i++) {
  const place = PLACES[i % PLACES.length] as (typeof PLACES)[number];
  let stem = '';
  do stem = `${pick(NAME_A)} ${pick(NAME_B)}`;
  while (names.has(stem));
  names.add(stem);
  const name = `${stem}, ${pick(SUFFIX)}`;
  const profile = profileOf(i);
  const workforce = pick([85, 140, 260, 420, 650, 900, 1400, 2100]) + between(0, 40);
  const subcontracted = chance(0.45) ? between(25, 75) : chance(0.5) ? between(3, 20) : 0;
  const repse = subcontracted === 0 ? 'no_aplica' : chance(0.25) ? 'sin_registro' : chance(0.25) ? 'vencido' : 'vigente';
  const womenShare = between(20, 78);
  const retaliation = profile === 'silenced' || chance(0.08);
  employers.push({
    id: `E${String(i + 1).padStart(2, '0')}`,
    name,
    state: place.state,
    municipality: pick(place.municipalities),
    process: pick(PROCESSES),
    workforce,
    subcontractedPct: profile === 'silenced' ? between(45, 70) : subcontracted,
    repse: profile === 'silenced' ? 'vencido' : repse,
    complaints12m: profile === 'silenced' ? 0 : profile === 'noisy' ? between(3, 5) : chance(0.35) ? between(1, 3) : 0,
    priorViolations2y: profile === 'noisy' ? 0 : chance(0.3) ? between(1, 3) : 0,
    cba:
      profile === 'silenced'
        ? 'sin_constancia'
        : pick(['legitimado', 'legitimado', 'legitimado', 'terminado', 'sin_constancia', 'sin_contrato']),
    tmecExports: chance(0.6),
    womenPct: womenShare,
    genderPayGapPct: womenShare >= 50 && chance(0.4) ? between(12, 22) : between(0, 9),
    turnoverPct: between(15, 90),
    wageVsSectorPct: between(78, 118),
    monthsSinceInspection: profile === 'recent' ? between(2, 8) : profile === 'silenced' ? null : chance(0.3) ? null : between(6, 60),
    retaliationSignals: retaliation,
  });
}

const data = {
  fictional: true,
  note: 'Datos ficticios generados para el ejercicio de focalización del diplomado. Ninguna fila describe un centro de trabajo real.',
  generatedBy: 'scripts/generate-risk-data.ts',
  seed: SEED,
  employers,
};
writeFileSync(new URL('../content/tools/risk/employers.json', import.meta.url), `${JSON.stringify(data, null, 2)}\n`);
console.log(`content/tools/risk/employers.json: ${employers.length} empleadores ficticios (semilla ${SEED}).`);
