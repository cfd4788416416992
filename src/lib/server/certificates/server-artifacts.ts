import type { Db } from '../db.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import { signCertificateCredential } from './credential.ts';
import { renderCertificatePdf } from './pdf.ts';
import { renderWorkerFor } from './render-pool.ts';
import { getSigningKey } from './signing-key.ts';
import { markRevoked } from './status-list.ts';

/**
 * The production artifacts: the PDF template (pdf.ts) and the signed Open Badges credential with
 * its status-list entry (credential.ts, status-list.ts). The credential's origin is the one the
 * snapshot's QR code points to, so both name the same site.
 */
export async function getCertificateArtifacts(): Promise<CertificateArtifacts> {
  return {
    renderPdf: renderCertificatePdf,
    signCredential: (db, snapshot, statusListIndex) =>
      signCertificateCredential(db, snapshot, { statusListIndex, origin: new URL(snapshot.verificationUrl).origin }),
    markRevoked: async (db, statusListIndex) => {
      await markRevoked(db, statusListIndex);
    },
    renderWorker: async (db) => renderWorkerFor(await getSigningKey(db)),
  };
}

/**
 * Starts the render worker (render-pool.ts) ahead of a cohort run: the coordinator's page calls it,
 * since "emitir a todas" is asked from there. It ends by itself after five minutes without work.
 */
export async function warmRenderWorker(db: Db): Promise<void> {
  try {
    renderWorkerFor(await getSigningKey(db));
  } catch (error) {
    console.error('The certificate render worker could not start', error);
  }
}
