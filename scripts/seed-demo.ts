// The demo: one account per role and a running cohort of 30 inspectors across the three states
// of the CALLE project (Estado de México, Puebla, San Luis Potosí). Seeded once, recorded by its
// own marker (seed_runs), and never over a database that already holds people.
import { readdirSync } from 'node:fs';
import type { Db } from '../src/lib/server/db.ts';
import { seedOnce } from '../src/lib/server/setup/seed-once.ts';
import { DEFAULT_PROGRAM_SLUG, insertCohort } from '../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector } from '../src/lib/server/enrollment/enroll.ts';
import { completeLesson, recordHeartbeat } from '../src/lib/server/progress/engagement.ts';
import { seedDemoGraduates } from './seed-demo-graduates.ts';
import { seedDemoPace } from './seed-demo-pace.ts';
import { seedDemoInspections } from './seed-demo-practice.ts';
import { seedDemoQuizzes } from './seed-demo-quizzes.ts';
import { seedDemoTools } from './seed-demo-tools.ts';
import { loadHoursPlanFromFiles } from '../src/lib/server/hours/plan-from-files.ts';
import { type HoursPlan, syncHourBudgets } from '../src/lib/server/hours/plan.ts';
import { DEMO_OFFICES, buildPerson, insertPerson } from '../tests/factories.ts';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.aula.mx', fullName: 'Leticia Ramírez Ocampo', roles: ['admin'], state: 'Ciudad de México' },
  { email: 'coordinacion@demo.aula.mx', fullName: 'Patricia Ibarra Solís', roles: ['coordinator'], state: 'Ciudad de México' },
  { email: 'instructor@demo.aula.mx', fullName: 'Arturo Zamudio Peña', roles: ['instructor'], state: 'Puebla' },
  { email: 'inspector@demo.aula.mx', fullName: 'José Ñúñez Gutiérrez', roles: ['inspector'], state: 'Puebla' },
] as const;

export const DEMO_COHORT = 'Generación 2026-2 · Centro-Bajío';
const DEMO_COHORT_STARTS = '2026-09-07';
const DEMO_COHORT_ENDS = '2027-02-26';
const STATES = ['Estado de México', 'Puebla', 'San Luis Potosí'] as const;

/**
 * Seeds the demo once, all in one transaction with its marker; returns false, changing nothing,
 * when it already ran or the database holds people. `passwordHash` is shared by the demo accounts.
 */
export function seedDemo(db: Db, passwordHash: string): boolean {
  return seedOnce(db, 'demo', () => seedDemoData(db, passwordHash));
}

function seedDemoData(db: Db, passwordHash: string): void {
  // The ledger credits within the budgets of module.yaml (hours/plan.ts); the server syncs them
  // too, but the seed credits before any server has run.
  const plan = loadHoursPlanFromFiles();
  syncHourBudgets(db, plan);
  let demoInspectorId = 0;
  let demoCohortId = 0;
  let demoLearners: number[] = [];
  let demoInstructorId = 0;
  let demoCoordinatorId = 0;
  db.transaction((tx) => {
    const ids: Record<string, number> = {};
    DEMO_ACCOUNTS.forEach((account, i) => {
      const base = buildPerson({ state: account.state }, 900 + i);
      ids[account.email] = insertPerson(
        tx,
        {
          fullName: account.fullName,
          email: account.email,
          curp: account.email === 'inspector@demo.aula.mx' ? base.curp : null,
          state: account.state,
          office:
            account.state in DEMO_OFFICES
              ? DEMO_OFFICES[account.state as keyof typeof DEMO_OFFICES]
              : 'Oficinas centrales, Ciudad de México',
          gender: i % 2 === 0 ? 'mujer' : 'hombre',
          roles: [...account.roles],
          passwordHash,
        },
        900 + i,
      ).id;
    });
    demoInspectorId = ids['inspector@demo.aula.mx'] as number;
    const inspectorIds = [demoInspectorId];
    for (let n = 1; inspectorIds.length < 30; n++) {
      // The last few have not yet accepted their invitation, as in a real cohort.
      const pending = n > 26;
      inspectorIds.push(
        insertPerson(tx, { state: STATES[n % 3], roles: ['inspector'], passwordHash: pending ? null : passwordHash }, n).id,
      );
    }
    const coordinatorId = ids['coordinacion@demo.aula.mx'] as number;
    demoCoordinatorId = coordinatorId;
    const { id: cohortId } = insertCohort(tx, {
      name: DEMO_COHORT,
      startsOn: DEMO_COHORT_STARTS,
      endsOn: DEMO_COHORT_ENDS,
      instructorIds: [ids['instructor@demo.aula.mx'] as number],
      actorId: coordinatorId,
    });
    for (const userId of inspectorIds) enrollInspector(tx, { cohortId, userId, actorId: coordinatorId });
    demoCohortId = cohortId;
    demoInstructorId = ids['instructor@demo.aula.mx'] as number;
    // The demo inspector's own quiz history stays clean for a first try; the others have activity.
    demoLearners = inspectorIds.slice(1);
    insertCohort(tx, {
      name: 'Generación 2027-1 · Norte',
      startsOn: '2027-03-08',
      endsOn: '2027-08-27',
      instructorIds: [ids['instructor@demo.aula.mx'] as number],
      actorId: coordinatorId,
    });
  });
  seedDemoProgress(db, demoInspectorId, plan);
  seedDemoQuizzes(db, demoCohortId, demoLearners, demoInstructorId);
  seedDemoPace(
    db,
    plan,
    { id: demoCohortId, startsOn: DEMO_COHORT_STARTS, endsOn: DEMO_COHORT_ENDS },
    { instructorId: demoInstructorId, coordinatorId: demoCoordinatorId, demoInspectorId, learnerIds: demoLearners },
  );
  seedDemoInspections(db, demoLearners, new Date(), demoInstructorId);
  seedDemoTools(db, demoLearners, demoInstructorId);
  seedDemoGraduates(db, plan, { instructorId: demoInstructorId, coordinatorId: demoCoordinatorId, passwordHash });
}

/**
 * The demo inspector is a few weeks in: two lessons of module 1 done, the third begun, so the
 * program and module pages show progress. Engaged time is credited through the same heartbeat
 * rule the site uses, a heartbeat every 30 s.
 */
function seedDemoProgress(db: Db, userId: number, plan: HoursPlan): void {
  const moduleSlug = '01-fundamentos-inspeccion';
  const lessonIds = readdirSync(`content/modules/${moduleSlug}`)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => `${moduleSlug}/${f.replace(/\.mdx$/, '')}`);
  const start = Date.now() - 14 * 24 * 60 * 60 * 1000;
  lessonIds.slice(0, 3).forEach((lessonId, i) => {
    const ref = { userId, programSlug: DEFAULT_PROGRAM_SLUG, moduleSlug, lessonId };
    const minutes = i < 2 ? 45 : 12;
    const begin = start + i * 2 * 24 * 60 * 60 * 1000;
    for (let s = 0; s <= minutes * 60; s += 30) recordHeartbeat(db, ref, new Date(begin + s * 1000));
    const hours = (plan.modules.find((m) => m.slug === moduleSlug)?.lessons.find((l) => l.id === lessonId)?.minutes ?? 0) / 60;
    if (i < 2) completeLesson(db, { ...ref, minMinutes: 0, hours }, new Date(begin + minutes * 60 * 1000));
  });
}
