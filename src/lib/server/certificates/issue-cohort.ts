import type { Db } from '../db.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import type { CertificateContext } from './context.ts';
import { getCohortEligibility } from './eligibility.ts';
import { writeCertificate } from './issue.ts';

/**
 * Issuing every eligible person of a cohort at once (issue 14; docs/decisions/019-certificates.md).
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
    startedAt: new Date(),
    finishedAt: null,
    done: Promise.resolve(),
  };
  runs.set(input.cohortId, run);
  run.done = (async () => {
    for (const row of pending) {
      try {
        const now = input.now ?? new Date();
        const outcome = await writeCertificate(
          db,
          artifacts,
          context,
          { cohortId: input.cohortId, userId: row.userId, actorId: input.actorId, now },
          row,
          null,
        );
        if (outcome.status === 'issued') run.issued++;
        else run.existing++;
      } catch (error) {
        run.failed++;
        console.error(`Issuing the certificate of user ${row.userId} in cohort ${input.cohortId} failed`, error);
      }
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
  startedAt: Date;
  finishedAt: Date | null;
  done: Promise<void>;
}
