import { eq, or } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index.ts';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import { getLockedUntil, recordAttempt } from '../auth/throttle.ts';
import type { Db } from '../db.ts';
import { isVerificationCode, normalizeLookup } from './folio.ts';

/**
 * The public verification of a certificate (issue 14): by the QR's code or a typed folio, its
 * status — valid, revoked (with the date), replaced (with the new one's code) or unknown — and
 * only what the certificate itself shows to anyone: name, program, hours, dates and folio. Never
 * the CURP, grades or anything else of the snapshot.
 */

/** Lookups per address: enough for a human checking a stack of certificates, too few to enumerate codes. */
export const VERIFY_THROTTLE_RULES = {
  account: { maxFailures: 30, windowMs: 60_000, lockMs: 60_000 },
  address: { maxFailures: 300, windowMs: 60 * 60_000, lockMs: 15 * 60_000 },
} as const;

function verifyKeys(address: string) {
  // Two windows for the same address, a minute and an hour, in sign_in_throttles under their own prefix.
  return { account: `verify:minute:${address}`, address: `verify:hour:${address}` };
}

/**
 * Counts one lookup from `address`; returns when it may look up again if it is over the limit,
 * or null.
 */
export function throttleVerification(db: Db, address: string, now = new Date()): Date | null {
  const keys = verifyKeys(address);
  const locked = getLockedUntil(db, keys, now);
  if (locked) return locked;
  recordAttempt(db, keys, VERIFY_THROTTLE_RULES, now);
  return null;
}

export function verifyCertificate(db: Db, typed: string): PublicVerification {
  const value = normalizeLookup(typed);
  if (!value || value.length > 40) return { status: 'unknown' };
  const code = value.replace(/-/g, '');
  const row = db
    .select({
      id: certificates.id,
      folio: certificates.folio,
      snapshot: certificates.snapshot,
      revokedAt: certificates.revokedAt,
      replacedAt: certificates.replacedAt,
    })
    .from(certificates)
    .where(
      isVerificationCode(code) ? or(eq(certificates.verificationCode, code), eq(certificates.folio, value)) : eq(certificates.folio, value),
    )
    .get();
  if (!row) return { status: 'unknown' };
  const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
  const shown: PublicCertificate = {
    folio: row.folio,
    fullName: snapshot.person.fullName,
    program: snapshot.program.title,
    institutions: snapshot.program.institutions,
    hours: snapshot.hours.total,
    startsOn: snapshot.cohort.startsOn,
    endsOn: snapshot.cohort.endsOn,
    issuedOn: snapshot.issuedOn,
  };
  if (row.revokedAt) return { status: 'revoked', certificate: shown, revokedAt: row.revokedAt };
  if (row.replacedAt) {
    const next = db
      .select({ code: certificates.verificationCode, folio: certificates.folio })
      .from(certificates)
      .where(eq(certificates.replacesId, row.id))
      .get();
    return { status: 'replaced', certificate: shown, replacedAt: row.replacedAt, replacement: next ?? null };
  }
  return { status: 'valid', certificate: shown };
}

export interface PublicCertificate {
  folio: string;
  fullName: string;
  program: string;
  institutions: string[];
  hours: number;
  startsOn: string;
  endsOn: string;
  issuedOn: string;
}

export type PublicVerification =
  | { status: 'unknown' }
  | { status: 'valid'; certificate: PublicCertificate }
  | { status: 'revoked'; certificate: PublicCertificate; revokedAt: Date }
  | { status: 'replaced'; certificate: PublicCertificate; replacedAt: Date; replacement: { code: string; folio: string } | null };
