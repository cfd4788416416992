/**
 * Writes content/tools/kpi/cases.json: a FICTIONAL case history for the "Leer los indicadores"
 * practice (issue 15). Seeded, so running it again gives the same file byte for byte:
 *   node scripts/generate-kpi-data.ts
 * Each office has a profile built for the exercise's questions: Estado de México finds many
 * violations per visit; Puebla's remediation improves in the second half of the year; San Luis
 * Potosí closes its closed cases fast while a backlog of open cases grows (what a median hides).
 */
import { writeFileSync } from 'node:fs';
import { seededRandom } from './lib/seeded-random.ts';

const SEED = 20250115;
const YEAR = 2025;
const CUT_OFF = Date.UTC(YEAR, 11, 31);
const DAY = 86_400_000;

const random = seededRandom(SEED);
const between = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

interface Profile {
  id: string;
  name: string;
  code: string;
  casesPerMonth: [number, number];
  violationsPerVisit: number;
  /** Remediation probability by month (0-based). */
  remediation: (month: number) => number;
  closeDays: [number, number];
  /** Share of cases that stall and stay open. */
  stall: number;
}

const PROFILES: Profile[] = [
  {
    id: 'edomex',
    name: 'Oficina de Representación en el Estado de México',
    code: 'MEX',
    casesPerMonth: [16, 22],
    violationsPerVisit: 3.2,
    remediation: () => 0.62,
    closeDays: [60, 140],
    stall: 0.05,
  },
  {
    id: 'puebla',
    name: 'Oficina de Representación en Puebla',
    code: 'PUE',
    casesPerMonth: [10, 15],
    violationsPerVisit: 2.1,
    remediation: (m) => (m < 6 ? 0.45 : 0.78),
    closeDays: [70, 150],
    stall: 0.06,
  },
  {
    id: 'slp',
    name: 'Oficina de Representación en San Luis Potosí',
    code: 'SLP',
    casesPerMonth: [8, 12],
    violationsPerVisit: 1.8,
    remediation: () => 0.55,
    closeDays: [35, 90],
    stall: 0.35,
  },
];

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const cases = [];
for (const office of PROFILES) {
  let serial = 0;
  for (let month = 0; month < 12; month++) {
    const count = between(...office.casesPerMonth);
    for (let i = 0; i < count; i++) {
      serial += 1;
      const opened = Date.UTC(YEAR, month, between(1, 28));
      const visits = between(1, 3);
      const violations = Math.max(0, Math.round(visits * office.violationsPerVisit * (0.5 + random())));
      const measuresDue = violations;
      let measuresRemedied = 0;
      for (let m = 0; m < measuresDue; m++) if (random() < office.remediation(month)) measuresRemedied += 1;
      const stalls = random() < office.stall;
      const closeAt = opened + between(...office.closeDays) * DAY;
      const closed = !stalls && closeAt <= CUT_OFF ? closeAt : null;
      cases.push({
        folio: `PRACT-${office.code}-${YEAR}-${String(serial).padStart(3, '0')}`,
        office: office.id,
        openedOn: iso(opened),
        closedOn: closed === null ? null : iso(closed),
        visits,
        violations,
        measuresDue,
        measuresRemedied,
      });
    }
  }
}

const data = {
  fictional: true,
  notice: 'Datos ficticios generados para practicar la lectura de indicadores. No corresponden a ningún caso, oficina ni persona reales.',
  generatedBy: 'scripts/generate-kpi-data.ts',
  seed: SEED,
  cutOff: iso(CUT_OFF),
  offices: PROFILES.map((p) => ({ id: p.id, name: p.name })),
  cases,
};

const target = new URL('../content/tools/kpi/cases.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(data, null, 2)}\n`);
console.log(`Escribí ${cases.length} casos ficticios en ${target.pathname}`);
