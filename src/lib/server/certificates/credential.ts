import { eq } from 'drizzle-orm';
import { certificates } from '../../../../db/schema/index.ts';
import type { CertificateSnapshot } from '../../certificates/snapshot.ts';
import type { Db, Executor } from '../db.ts';
import { type SignOptions, signSnapshot } from './credential-build.ts';
import { getSigningKey } from './signing-key.ts';

/**
 * Signed credentials with the database (issue 14; docs/decisions/018-signed-credentials.md): the
 * server's key beside the database, and the stored bytes. Building and signing are in
 * credential-build.ts. The signed credential is stored and served as the exact bytes issued: a
 * verifier checks those bytes, so they are never re-serialised.
 */

export {
  type BuildOptions,
  buildCredential,
  type Credential,
  type SignOptions,
  signCredential,
  statusListPath,
} from './credential-build.ts';

/** The signed credential of a certificate, with the server's current key. */
export async function signCertificateCredential(db: Db, snapshot: CertificateSnapshot, options: SignOptions): Promise<Buffer> {
  return signSnapshot(snapshot, await getSigningKey(db), options);
}

/** The stored bytes of a certificate's signed credential; null when unknown or not signed. */
export function getCredentialBytes(db: Executor, certificateId: number): Buffer | null {
  const row = db.select({ credential: certificates.credential }).from(certificates).where(eq(certificates.id, certificateId)).get();
  return row?.credential ?? null;
}
