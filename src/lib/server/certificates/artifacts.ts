import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import type { Db } from '../db.ts';
import type { RenderWorker } from './render-pool.ts';

/**
 * The files a certificate is made of, built from its snapshot before its transaction (STYLE.md §5:
 * slow work first). Production wires the PDF template (pdf.ts) and the signed Open Badges
 * credential (credential.ts) in `server-artifacts.ts`; tests may pass their own.
 */
export interface CertificateArtifacts {
  renderPdf(snapshot: CertificateSnapshot): Promise<Uint8Array>;
  /** The signed credential's exact bytes, or null when signing is not available. */
  signCredential(db: Db, snapshot: CertificateSnapshot, statusListIndex: number): Promise<Uint8Array | null>;
  /** Flips the certificate's bit in the served status list, after its revocation is committed. */
  markRevoked(db: Db, statusListIndex: number): Promise<void>;
  /** A worker thread that renders both files as these would, for cohort runs (render-pool.ts); optional. */
  renderWorker?(db: Db): Promise<RenderWorker | null>;
}
