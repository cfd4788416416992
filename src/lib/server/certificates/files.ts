import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { certificates, cohorts } from '../../../../db/schema/index.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Db } from '../db.ts';

/**
 * A certificate's files as issued (issue 14): the PDF and the signed credential, served as the
 * exact stored bytes. Their holder and coordination (coordinators, admins) may download them;
 * anyone else gets a 404, so a folio's existence is not revealed (docs/decisions/019-certificates.md).
 */
export function mayDownloadCertificate(viewer: SessionUser | null, holderId: number): boolean {
  if (!viewer) return false;
  return viewer.id === holderId || viewer.roles.includes('coordinator') || viewer.roles.includes('admin');
}

export function certificateFileResponse(db: Db, viewer: SessionUser | null, folio: string, kind: 'pdf' | 'json'): Response {
  const row = db
    .select({
      userId: certificates.userId,
      pdf: certificates.pdf,
      pdfSha256: certificates.pdfSha256,
      credential: certificates.credential,
    })
    .from(certificates)
    .where(eq(certificates.folio, folio))
    .get();
  if (!row || !mayDownloadCertificate(viewer, row.userId)) return new Response(null, { status: 404 });
  const bytes = kind === 'pdf' ? row.pdf : row.credential;
  if (!bytes) return new Response(null, { status: 404 });
  const etag = kind === 'pdf' ? row.pdfSha256 : null;
  const headers = new Headers({
    'Content-Type': kind === 'pdf' ? 'application/pdf' : 'application/vc+ld+json',
    'Content-Disposition': `attachment; filename="constancia-${folio}.${kind}"`,
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  headers.set('ETag', `"${etag ?? sha256(bytes)}"`);
  return new Response(new Uint8Array(bytes), { status: 200, headers });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Certificates of one person, newest first, with their status: for "Mis constancias". */
export function listPersonCertificates(db: Db, userId: number): CertificateListItem[] {
  return listCertificates(db, eq(certificates.userId, userId));
}

/** Certificates of a cohort (every status), by folio: for coordination. */
export function listCohortCertificates(db: Db, cohortId: number): CertificateListItem[] {
  return listCertificates(db, eq(certificates.cohortId, cohortId));
}

function listCertificates(db: Db, where: ReturnType<typeof eq>): CertificateListItem[] {
  return db
    .select({
      id: certificates.id,
      folio: certificates.folio,
      userId: certificates.userId,
      fullName: sql<string>`json_extract(${certificates.snapshot}, '$.person.fullName')`,
      cohortName: cohorts.name,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      revocationReason: certificates.revocationReason,
      replacedAt: certificates.replacedAt,
      verificationCode: certificates.verificationCode,
      hasCredential: sql<number>`${certificates.credential} is not null`,
    })
    .from(certificates)
    .innerJoin(cohorts, eq(cohorts.id, certificates.cohortId))
    .where(where)
    .orderBy(desc(certificates.issuedAt), asc(certificates.folio))
    .all()
    .map(({ hasCredential, ...c }) => ({
      ...c,
      hasCredential: Boolean(hasCredential),
      status: c.revokedAt ? 'revoked' : c.replacedAt ? 'replaced' : 'valid',
    }));
}

export interface CertificateListItem {
  id: number;
  folio: string;
  userId: number;
  /** The name as printed. */
  fullName: string;
  cohortName: string;
  issuedAt: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
  replacedAt: Date | null;
  verificationCode: string;
  hasCredential: boolean;
  status: 'valid' | 'revoked' | 'replaced';
}
