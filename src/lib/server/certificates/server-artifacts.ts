import type { CertificateArtifacts } from './artifacts.ts';
import { signCertificateCredential } from './credential.ts';
import { renderCertificatePdf } from './pdf.ts';
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
  };
}
