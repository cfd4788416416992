import type { CertificateSnapshot } from '../../certificates/snapshot.ts';

const MODULES: [title: string, hours: number, grade: number | null][] = [
  ['Inspección del trabajo: fundamentos y estándares internacionales', 10, 0.9],
  ['Reforma laboral 2019: libertad sindical, democracia y legitimación', 16, 0.85],
  ['T-MEC: Capítulo 23, Anexo 23-A y Mecanismo Laboral de Respuesta Rápida', 14, 0.95],
  ['Subcontratación y REPSE', 12, 0.8],
  ['Igualdad, no discriminación, acoso y NOM-035', 14, 1],
  ['Procedimiento de inspección y sanción', 16, 0.875],
  ['Herramientas de inspección en autopartes', 12, 0.9],
  ['Planeación estratégica, datos y ECMS', 10, 0.75],
  ['Ética, integridad y trato a personas trabajadoras', 6, 0.9],
  ['Práctica integradora: inspecciones simuladas', 10, null],
];

/**
 * A complete, plausible snapshot for `npm run cert:preview` and the PDF tests: the program's ten
 * modules and hours (content/program.yaml), two signatories, a long verification URL.
 */
export function sampleSnapshot(overrides: Partial<CertificateSnapshot> = {}): CertificateSnapshot {
  const graded = MODULES.filter(([, , grade]) => grade !== null);
  const gradedHours = graded.reduce((sum, [, hours]) => sum + hours, 0);
  const finalGrade = graded.reduce((sum, [, hours, grade]) => sum + hours * (grade ?? 0), 0) / gradedHours;
  return {
    folio: 'DIF-2026-00042',
    verificationCode: 'k7m2q9xw4hd3t8vr6pzn5cbf',
    verificationUrl: 'https://aula.stps.gob.mx/verificar/k7m2q9xw4hd3t8vr6pzn5cbf',
    person: { fullName: 'José Ñúñez Gutiérrez', curp: 'NUGJ800101HDFXTS09' },
    program: {
      slug: 'diplomado-inspeccion-federal',
      title: 'Diplomado en Inspección Federal del Trabajo',
      edition: 'Edición 2026 (LFT: última reforma DOF 14-05-2026)',
      contentHash: '3f9a1c0e5b7d2468ace13579bdf02468ace13579bdf02468ace13579bdf0246a',
      institutions: ['Secretaría del Trabajo y Previsión Social (STPS)', 'Facultad Latinoamericana de Ciencias Sociales (FLACSO México)'],
      totalHours: 120,
    },
    cohort: { name: 'Generación 2026-1', startsOn: '2026-02-02', endsOn: '2026-06-26' },
    hours: {
      total: 120,
      modules: MODULES.map(([title, hours, grade], i) => ({ number: i + 1, title, requiredHours: hours, creditedHours: hours, grade })),
    },
    finalGrade,
    signatories: [
      {
        name: 'Mtra. Ana Laura Hernández Ruiz',
        title: 'Titular de la Unidad de Trabajo Digno',
        institution: 'Secretaría del Trabajo y Previsión Social',
      },
      {
        name: 'Dr. Ignacio Ávila Quiñones',
        title: 'Director de FLACSO México',
        institution: 'Facultad Latinoamericana de Ciencias Sociales',
      },
    ],
    issuedOn: '2026-07-03',
    issuedAt: '2026-07-03T17:30:00.000Z',
    issuer: { name: 'Mariana Sánchez Olvera' },
    replaces: null,
    ...overrides,
  };
}
