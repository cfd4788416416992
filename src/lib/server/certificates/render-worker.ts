import { parentPort, workerData } from 'node:worker_threads';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { signSnapshot } from './credential-build.ts';
import { renderCertificatePdf } from './pdf.ts';
import { keyFrom, type StoredKey } from './signing-key-material.ts';

/**
 * A worker thread that renders certificates (PDF and signed credential) while the main thread
 * writes them (render-pool.ts; docs/decisions/019-certificates.md). It runs the same code as the
 * main thread, with the key the main thread loaded, so its bytes are the same. It never touches
 * the database.
 */

export interface RenderJob {
  id: number;
  snapshot: CertificateSnapshot;
  statusListIndex: number;
  origin: string;
}

export type RenderReply = { id: number; pdf: Uint8Array; credential: Uint8Array } | { id: number; error: string };

const key = keyFrom((workerData as { key: StoredKey }).key);

parentPort?.on('message', async (job: RenderJob) => {
  try {
    const pdf = await renderCertificatePdf(job.snapshot);
    const credential = await signSnapshot(job.snapshot, await key, { statusListIndex: job.statusListIndex, origin: job.origin });
    parentPort?.postMessage({ id: job.id, pdf, credential: new Uint8Array(credential) } satisfies RenderReply);
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply);
  }
});
parentPort?.postMessage('ready');
