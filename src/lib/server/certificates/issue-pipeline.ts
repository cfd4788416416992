import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import type { Db } from '../db.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import type { CertificateContext } from './context.ts';
import type { EligibilityRow } from './eligibility.ts';
import { folioYear, formatFolio, newVerificationCode, nextFolioNumber } from './folio.ts';
import { type IssueOutcome, insertCertificate, issuingParties, keptGrades } from './issue.ts';
import type { RenderedFiles, RenderWorker } from './render-pool.ts';
import { buildSnapshot } from './snapshot-build.ts';
import { allocateStatusListIndex } from './status-list.ts';

/**
 * A cohort's certificates rendered two at a time and written in folio order (issue 14: a cohort of
 * 500 at ≥ 100 per second; docs/decisions/019-certificates.md). The next few people get folio
 * numbers and status-list indexes in advance; the render worker (render-pool.ts) makes one
 * certificate's PDF and credential while the main thread makes another's, and the main thread
 * writes them strictly in folio order, each in its own IMMEDIATE transaction with the same checks
 * as a single issue (issue.ts `insertCertificate`). If another writer took a number meanwhile, the
 * certificates planned after it are numbered again and rendered again: never two certificates for
 * a person, never a gap or a repeat in the folios.
 */

/** Certificates planned ahead: enough to keep the worker and the main thread busy. */
const WINDOW = 5;
const MAX_REPLANS = 5;

interface Slot {
  row: EligibilityRow;
  snapshot: CertificateSnapshot;
  numbers: { folioNumber: number; statusListIndex: number };
  result: Promise<RenderedFiles | Error> | null;
  settled: boolean;
}

export async function issueInFolioOrder(
  db: Db,
  artifacts: CertificateArtifacts,
  context: CertificateContext,
  request: { cohortId: number; actorId: number; now: Date },
  rows: readonly EligibilityRow[],
  report: (row: EligibilityRow, outcome: IssueOutcome | Error) => void,
): Promise<{ mainThread: number; worker: number }> {
  const { now } = request;
  const programSlug = context.program.slug;
  const year = folioYear(now);
  const { cohort, issuer } = issuingParties(db, request);
  const worker: RenderWorker | null = artifacts.renderWorker ? await artifacts.renderWorker(db).catch(() => null) : null;
  const replans = new Map<number, number>();
  const reserved = new Set<number>();
  let queue: Slot[] = [];
  let next = 0;
  let folio = nextFolioNumber(db, programSlug, year);

  const plan = () => {
    while (queue.length < WINDOW && next < rows.length) {
      const row = rows[next++] as EligibilityRow;
      const numbers = { folioNumber: folio++, statusListIndex: allocateStatusListIndex(db, reserved) };
      reserved.add(numbers.statusListIndex);
      const verificationCode = newVerificationCode();
      const snapshot = buildSnapshot({
        context,
        person: row,
        cohort,
        standing: row.standing,
        grades: keptGrades(db, row.userId, context),
        folio: formatFolio(context.program.certificate.folioPrefix, year, numbers.folioNumber),
        verificationCode,
        issuedAt: now,
        issuerName: issuer.fullName,
        replaces: null,
      });
      queue.push({ row, snapshot, numbers, result: null, settled: false });
    }
  };
  const start = (slot: Slot, files: Promise<RenderedFiles>) => {
    slot.result = files.then(
      (done) => done,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    void slot.result.then(() => {
      slot.settled = true;
    });
  };
  const rendered = { mainThread: 0, worker: 0 };
  const onMainThread = (slot: Slot) => {
    rendered.mainThread++;
    return start(
      slot,
      (async () => {
        const pdf = await artifacts.renderPdf(slot.snapshot);
        const credential = await artifacts.signCredential(db, slot.snapshot, slot.numbers.statusListIndex);
        if (!credential) throw new Error('the credential could not be signed');
        return { pdf, credential };
      })(),
    );
  };
  const toWorker = () => {
    for (let slot = queue.find((s) => s.result === null); slot && worker?.free; slot = queue.find((s) => s.result === null)) {
      const origin = new URL(slot.snapshot.verificationUrl).origin;
      rendered.worker++;
      start(slot, worker.render({ snapshot: slot.snapshot, statusListIndex: slot.numbers.statusListIndex, origin }));
    }
  };

  while (queue.length > 0 || next < rows.length) {
    // Let the worker's finished renders in (a render on this thread never yields on its own).
    if (worker) await new Promise((resolve) => setImmediate(resolve));
    plan();
    toWorker();
    const head = queue[0] as Slot;
    if (head.result === null) onMainThread(head);
    else if (!head.settled) {
      // The worker is on the head: the main thread renders one of the next meanwhile.
      const waiting = queue.find((s) => s.result === null);
      if (waiting) {
        onMainThread(waiting);
        await waiting.result;
        continue;
      }
    }
    const files = await (head.result as Promise<RenderedFiles | Error>);
    queue.shift();
    reserved.delete(head.numbers.statusListIndex);
    if (files instanceof Error) {
      report(head.row, files);
      // Its folio stays unused: number the rest again from the database.
      await replan();
      continue;
    }
    const outcome = db.transaction(
      (tx) =>
        insertCertificate(tx, {
          request: { ...request, userId: head.row.userId },
          row: head.row,
          replaces: null,
          snapshot: head.snapshot,
          numbers: head.numbers,
          year,
          pdf: files.pdf,
          credential: files.credential,
          programSlug,
        }),
      { behavior: 'immediate' },
    );
    if (outcome !== 'numbers-taken') {
      report(head.row, outcome);
      continue;
    }
    // Another writer issued meanwhile: this person and everyone planned after get new numbers.
    const tries = (replans.get(head.row.userId) ?? 0) + 1;
    replans.set(head.row.userId, tries);
    if (tries > MAX_REPLANS) {
      report(head.row, new Error(`folio numbers kept being taken for user ${head.row.userId}`));
      await replan();
      continue;
    }
    next--;
    await replan();
  }

  return rendered;

  /** Drops what is planned (waiting for its renders to end) and numbers the rest from the database. */
  async function replan(): Promise<void> {
    await Promise.all(queue.map((s) => s.result));
    next -= queue.length;
    queue = [];
    reserved.clear();
    folio = nextFolioNumber(db, programSlug, year);
  }
}
