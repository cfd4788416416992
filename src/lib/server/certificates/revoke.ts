import { eq } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index.ts';
import { appendAuditEntry } from '../audit/log.ts';
import type { Db } from '../db.ts';
import { DomainError } from '../errors.ts';
import type { CertificateArtifacts } from './artifacts.ts';
import type { CertificateContext } from './context.ts';
import { getPersonEligibility } from './eligibility.ts';
import { type IssueOutcome, writeCertificate } from './issue.ts';

/**
 * Revocation and reissue (issue 14). Both keep the record: a revocation stamps who, when and why
 * and flips the certificate's bit in the status list; a reissue (a corrected name, say) makes a
 * new certificate from today's data, linked to the old one, which becomes "replaced" in the same
 * transaction. Only an active certificate can be revoked or replaced.
 */

export async function revokeCertificate(
  db: Db,
  artifacts: CertificateArtifacts,
  input: { certificateId: number; reason: string; actorId: number; now?: Date },
): Promise<{ folio: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new DomainError('certificates.revoke.reasonRequired', {}, 'invalid');
  const at = input.now ?? new Date();
  const revoked = db.transaction(
    (tx) => {
      const row = tx
        .select({
          folio: certificates.folio,
          userId: certificates.userId,
          cohortId: certificates.cohortId,
          revokedAt: certificates.revokedAt,
          replacedAt: certificates.replacedAt,
          statusListIndex: certificates.statusListIndex,
        })
        .from(certificates)
        .where(eq(certificates.id, input.certificateId))
        .get();
      if (!row) throw new DomainError('certificates.notFound', {}, 'not-found');
      if (row.revokedAt || row.replacedAt) throw new DomainError('certificates.notActive', { folio: row.folio });
      tx.update(certificates)
        .set({ revokedAt: at, revokedBy: input.actorId, revocationReason: reason })
        .where(eq(certificates.id, input.certificateId))
        .run();
      appendAuditEntry(tx, {
        actorId: input.actorId,
        action: 'certificate.revoked',
        subjectUserId: row.userId,
        cohortId: row.cohortId,
        reason,
        details: { folio: row.folio },
        at,
      });
      return row;
    },
    { behavior: 'immediate' },
  );
  // The status list is re-signed once the revocation is committed; it reads the revoked rows.
  await artifacts.markRevoked(db, revoked.statusListIndex);
  return { folio: revoked.folio };
}

/** A new certificate for the holder of an active one, from today's data; the old one becomes replaced. */
export async function reissueCertificate(
  db: Db,
  artifacts: CertificateArtifacts,
  context: CertificateContext,
  input: { certificateId: number; actorId: number; now?: Date },
): Promise<IssueOutcome> {
  const old = db
    .select({
      id: certificates.id,
      folio: certificates.folio,
      userId: certificates.userId,
      cohortId: certificates.cohortId,
      revokedAt: certificates.revokedAt,
      replacedAt: certificates.replacedAt,
      statusListIndex: certificates.statusListIndex,
    })
    .from(certificates)
    .where(eq(certificates.id, input.certificateId))
    .get();
  if (!old) throw new DomainError('certificates.notFound', {}, 'not-found');
  if (old.revokedAt || old.replacedAt) throw new DomainError('certificates.notActive', { folio: old.folio });
  const now = input.now ?? new Date();
  const row = getPersonEligibility(db, old.cohortId, old.userId, context, now, { anyStatus: true });
  if (!row) throw new DomainError('certificates.notEnrolled', {}, 'not-found');
  const outcome = await writeCertificate(
    db,
    artifacts,
    context,
    { cohortId: old.cohortId, userId: old.userId, actorId: input.actorId, now },
    row,
    { id: old.id, folio: old.folio },
  );
  // A replaced certificate's credential must stop verifying as current too (status-list.ts).
  await artifacts.markRevoked(db, old.statusListIndex);
  return outcome;
}
