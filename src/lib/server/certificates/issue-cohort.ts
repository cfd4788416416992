import type { Db } from '../db.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import type { CertificateContext } from './context.ts';
import { getCohortEligibility } from './eligibility.ts';
import { issueInFolioOrder } from './issue-pipeline.ts';

/**
 * Issuing every eligible person of a cohort at once (issue 14; docs/decisions/019-certificates.md),
 * two renders at a time and written in folio order (issue-pipeline.ts).
 * The coordinator's request starts the run in this process and returns at once; the page shows
 * its progress and refreshes itself (a `Refresh` header, no JavaScript) until it ends. Each
 * certificate is its own transaction (issue.ts), so a run cut short leaves only whole
 * certificates, and asking again issues the rest. A second request while a cohort's run is
 * going joins it instead of starting another.
 */

const runs = new Map<number, IssuanceRun>();

/** Starts (or joins) the cohort's run; `done` settles when it ends. */
export function startCohortIssuance(
  db: Db,
  artifacts: CertificateArtifacts,
  context: CertificateContext,
  input: { cohortId: number; actorId: number; now?: Date },
): IssuanceRun {
  const running = runs.get(input.cohortId);
  if (running && !running.finishedAt) return running;
  const pending = getCohortEligibility(db, input.cohortId, context, input.now).filter((r) => r.eligible && !r.certificate);
  const run: IssuanceRun = {
    cohortId: input.cohortId,
    total: pending.length,
    issued: 0,
    existing: 0,
    failed: 0,
    rendered: { mainThread: 0, worker: 0 },
    startedAt: new Date(),
    finishedAt: null,
    done: Promise.resolve(),
  };
  runs.set(input.cohortId, run);
  run.done = (async () => {
    try {
      const request = { cohortId: input.cohortId, actorId: input.actorId, now: input.now ?? new Date() };
      run.rendered = await issueInFolioOrder(db, artifacts, context, request, pending, (row, outcome) => {
        if (outcome instanceof Error) {
          run.failed++;
          console.error(`Issuing the certificate of user ${row.userId} in cohort ${input.cohortId} failed`, outcome);
        } else if (outcome.status === 'issued') run.issued++;
        else run.existing++;
      });
    } catch (error) {
      // Whatever was written stays written, each certificate whole; asking again issues the rest.
      run.failed = run.total - run.issued - run.existing;
      console.error(`Issuing the certificates of cohort ${input.cohortId} stopped`, error);
    }
    run.finishedAt = new Date();
  })();
  return run;
}

/** The cohort's current or last run in this process, or null. */
export function getCohortIssuance(cohortId: number): IssuanceRun | null {
  return runs.get(cohortId) ?? null;
}

export interface IssuanceRun {
  cohortId: number;
  /** Eligible people without a certificate when the run started. */
  total: number;
  issued: number;
  /** Already issued meanwhile (by a concurrent request). */
  existing: number;
  failed: number;
  /** Where the files were rendered (issue-pipeline.ts): the benchmark reports it. */
  rendered: { mainThread: number; worker: number };
  startedAt: Date;
  finishedAt: Date | null;
  done: Promise<void>;
}
