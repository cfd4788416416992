// Seeds the benchmark database through the domain code and the test factories, in one
// transaction: 5,000 people (one coordinator, ten instructors, the rest inspectors), 20 cohorts
// of about 250 inspectors each, and a session per signed-in benchmark client.
import { openDatabase } from '../../db/connection.ts';
import type { Role } from '../../db/schema/index.ts';
import { createSession, generateToken } from '../../src/lib/server/auth/session.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { buildPerson, insertPerson } from '../../tests/factories.ts';

export const PEOPLE = 5000;
export const COHORTS = 20;
const INSTRUCTORS = 10;
/** The four states the factories know an office and a CURP code for. */
const STATES = ['Estado de México', 'Puebla', 'San Luis Potosí', 'Ciudad de México'] as const;
/** Never verified (nobody signs in with a password here); it only marks the account as active. */
const PLACEHOLDER_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2htYXJr$bm90LWEtcmVhbC1oYXNoLWZvci1iZW5jaA';

export interface BenchSeed {
  people: number;
  cohorts: number;
  cohortIds: number[];
  cohortNames: string[];
  /** Session tokens (cookie values) of the signed-in benchmark clients. */
  tokens: { coordinator: string; instructor: string; inspector: string };
  /** Cohorts the benchmark instructor teaches and the benchmark inspector is enrolled in. */
  instructorCohorts: number[];
  inspectorCohorts: number[];
  seconds: number;
}

/**
 * The factories' names repeat every 4,620 people (lcm of the name, surname and birth-date cycles),
 * so the state also shifts every cycle: CURPs (state code included) stay unique up to 18,480 people.
 */
function stateFor(n: number): (typeof STATES)[number] {
  return STATES[(n + Math.floor(n / 4620)) % STATES.length] as (typeof STATES)[number];
}

export function seedBenchmark(path: string, now = new Date()): BenchSeed {
  const started = performance.now();
  const db = openDatabase(path);
  try {
    const result = db.transaction((tx) => {
      // 1 in 10 has not accepted the invitation yet, as in a real roster.
      const add = (n: number, roles: Role[]) =>
        insertPerson(tx, { state: stateFor(n), roles, passwordHash: n % 10 === 0 ? null : PLACEHOLDER_HASH }, n).id;
      let n = 0;
      const coordinatorId = add(++n, ['coordinator']);
      const instructorIds = Array.from({ length: INSTRUCTORS }, () => add(++n, ['instructor']));
      const inspectorIds: number[] = [];
      while (n < PEOPLE) inspectorIds.push(add(++n, ['inspector']));

      const cohortIds: number[] = [];
      const cohortNames: string[] = [];
      for (let c = 0; c < COHORTS; c++) {
        const year = 2025 + Math.floor(c / 8);
        const month = 1 + ((c * 3) % 12);
        const startsOn = `${year}-${String(month).padStart(2, '0')}-01`;
        const endsOn = `${year + 1}-${String(month).padStart(2, '0')}-01`;
        // Instructor i teaches cohorts i and i + 10: two cohorts each.
        const instructor = instructorIds[c % INSTRUCTORS] as number;
        const name = `Generación ${year}-${c + 1} · ${stateFor(c)}`;
        const { id } = insertCohort(tx, {
          name,
          startsOn,
          endsOn,
          instructorIds: [instructor],
          actorId: coordinatorId,
          now,
        });
        cohortIds.push(id);
        cohortNames.push(name);
      }
      inspectorIds.forEach((userId, i) => {
        enrollInspector(tx, { cohortId: cohortIds[i % COHORTS] as number, userId, actorId: coordinatorId, now });
      });
      // The benchmark inspector (the first) is in cohort 0 and also in cohort 1.
      const inspectorId = inspectorIds[0] as number;
      enrollInspector(tx, {
        cohortId: cohortIds[1] as number,
        userId: inspectorId,
        actorId: coordinatorId,
        concurrentReason: 'Banco de pruebas: una persona en dos generaciones',
        now,
      });

      const session = (userId: number) => {
        const token = generateToken();
        createSession(tx, token, userId, now);
        return token;
      };
      return {
        cohortIds,
        cohortNames,
        tokens: { coordinator: session(coordinatorId), instructor: session(instructorIds[0] as number), inspector: session(inspectorId) },
        instructorCohorts: [cohortIds[0] as number, cohortIds[INSTRUCTORS] as number],
        inspectorCohorts: [cohortIds[0] as number, cohortIds[1] as number],
      };
    });
    return { people: PEOPLE, cohorts: COHORTS, ...result, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.$client.close();
  }
}

/**
 * The CSV a coordinator would upload to enroll `count` people who are not in the database yet
 * (numbered after the seeded ones, so emails and CURPs never collide with theirs).
 */
export function benchRosterCsv(count: number): string {
  const quote = (cell: string) => (/[",;\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const lines = ['nombre,correo,curp,entidad,oficina'];
  for (let n = PEOPLE + 1; n <= PEOPLE + count; n++) {
    const p = buildPerson({ state: stateFor(n) }, n);
    lines.push([p.fullName, p.email, p.curp ?? '', p.state, p.office].map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
