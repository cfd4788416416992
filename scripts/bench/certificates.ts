// Bulk issuance of a cohort's certificates (issue 14), in process, as the coordinator's "emitir
// a todas" runs it: a throw-away database with `people` inspectors who completed the program,
// then every eligible person issued with the real PDF and the signed credential, timed, with the
// render worker loaded first, as the cohort's certificates page does when the coordinator opens it.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/connection.ts';
import { startCohortIssuance } from '../../src/lib/server/certificates/issue-cohort.ts';
import { getCertificateArtifacts } from '../../src/lib/server/certificates/server-artifacts.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { enrollInspector } from '../../src/lib/server/enrollment/enroll.ts';
import { syncHourBudgets } from '../../src/lib/server/hours/plan.ts';
import { completeProgram, loadCertificateContext } from '../../tests/certificate-helpers.ts';
import { insertPerson } from '../../tests/factories.ts';

export interface CertificateBench {
  people: number;
  issued: number;
  seconds: number;
  perSecond: number;
  pdfBytes: { mean: number; max: number };
  credentialBytes: { mean: number };
  seedSeconds: number;
  /** How long the render worker took to load, before the run (the page's visit starts it). */
  workerLoadSeconds: number;
  rendered: { mainThread: number; worker: number };
}

export async function measureCertificates(path: string, people: number): Promise<CertificateBench> {
  const db = openDatabase(path);
  const context = loadCertificateContext();
  const seeding = performance.now();
  syncHourBudgets(db, context.plan);
  const { coordinator, cohortId } = db.transaction((tx) => {
    const coordinator = insertPerson(tx, { roles: ['coordinator'] }, 900_001).id;
    const cohortId = insertCohort(tx, {
      name: 'Generación de la medición',
      startsOn: '2026-01-12',
      endsOn: '2026-06-26',
      instructorIds: [],
      actorId: null,
    }).id;
    for (let n = 0; n < people; n++) {
      const userId = insertPerson(tx, { roles: ['inspector'] }, 900_100 + n).id;
      enrollInspector(tx, { cohortId, userId, actorId: null });
    }
    return { coordinator, cohortId };
  });
  const ids = db.all<{ id: number }>(sql`select user_id as id from enrollments where cohort_id = ${cohortId}`);
  db.transaction(() => {
    for (const { id } of ids) completeProgram(db, context, { userId: id, actorId: coordinator });
  });
  const seedSeconds = (performance.now() - seeding) / 1000;
  const artifacts = await getCertificateArtifacts();
  // The coordinator asks for the run from the cohort's certificates page, which starts the render
  // worker when it is shown (render-pool.ts): measured here as its own figure, before the run.
  const warming = performance.now();
  await (await artifacts.renderWorker?.(db))?.whenReady();
  const workerLoadSeconds = (performance.now() - warming) / 1000;
  const started = performance.now();
  const run = startCohortIssuance(db, artifacts, context, { cohortId, actorId: coordinator });
  await run.done;
  const seconds = (performance.now() - started) / 1000;
  const sizes = db.get<{ mean: number; max: number; cred: number }>(
    sql`select avg(length(pdf)) as mean, max(length(pdf)) as max, avg(length(credential)) as cred from certificates`,
  );
  db.$client.close();
  return {
    people,
    issued: run.issued,
    seconds,
    perSecond: run.issued / seconds,
    pdfBytes: { mean: Math.round(sizes?.mean ?? 0), max: sizes?.max ?? 0 },
    credentialBytes: { mean: Math.round(sizes?.cred ?? 0) },
    seedSeconds,
    workerLoadSeconds,
    rendered: run.rendered,
  };
}
