import { randomInt } from 'node:crypto';
import { BitstringStatusList, createCredential } from '@digitalbazaar/vc-bitstring-status-list';
import { and, eq, isNotNull, or } from 'drizzle-orm';
import { certificates, statusLists } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Db, Executor } from '../db.ts';
import { STATUS_LIST_PATH, signCredential } from './credential.ts';
import { VC_V2_CONTEXT } from './credential-loader.ts';
import { getSigningKey } from './signing-key.ts';

/**
 * The revocation status list every signed credential points to (W3C Bitstring Status List;
 * issue 14; docs/decisions/018-signed-credentials.md). One list, signed by the key that signs the
 * credentials, stored as the exact bytes served, rebuilt from the certificates table whenever a
 * certificate is revoked or replaced — so rebuilding is idempotent and a lost update heals itself.
 */
export const STATUS_LIST_ID = 1;

/**
 * 131,072 bits (16 KB before compression): the Bitstring Status List spec's minimum for group
 * privacy, so one entry among many reveals nothing about a person; room for every inspector.
 */
export const STATUS_LIST_LENGTH = 131_072;

/**
 * A free bit for a new certificate, chosen at random rather than in order (the spec's privacy
 * advice: sequential indexes tell issue order). Call inside the issuing transaction; the unique
 * index on `status_list_index` settles any race.
 */
export function allocateStatusListIndex(db: Executor): number {
  for (;;) {
    const index = randomInt(STATUS_LIST_LENGTH);
    const taken = db.select({ id: certificates.id }).from(certificates).where(eq(certificates.statusListIndex, index)).get();
    if (!taken) return index;
  }
}

/** The signed status list as served; made (empty but for revocations) on first use. */
export async function getStatusListCredential(db: Db, origin: string): Promise<Buffer> {
  const stored = readStoredList(db);
  if (stored) return stored;
  await refreshStatusList(db, statusListUrlFor(db) ?? `${origin}${STATUS_LIST_PATH}`);
  const made = readStoredList(db);
  if (!made) throw new Error('The status list is missing right after it was written');
  return made;
}

/**
 * Makes the status list say `statusListIndex` is revoked. Call after the revocation (or reissue)
 * is committed; the list is rebuilt from the table, so calling it twice changes nothing.
 */
export async function markRevoked(db: Db, statusListIndex: number): Promise<void> {
  const url = statusListUrlFor(db, statusListIndex);
  if (!url) throw new Error(`No signed credential holds status list index ${statusListIndex}`);
  await refreshStatusList(db, url);
}

/**
 * Re-signs the list from the certificates table. Signing is async and the write is a synchronous
 * transaction, so the write checks the revoked set is still the one signed and starts over if a
 * revocation slipped in meanwhile (two coordinators revoking at once).
 */
export async function refreshStatusList(db: Db, url: string): Promise<void> {
  const key = await getSigningKey(db);
  for (;;) {
    const revoked = revokedIndexes(db);
    const list = new BitstringStatusList({ length: STATUS_LIST_LENGTH });
    for (const index of revoked) list.setStatus(index, true);
    const unsigned = await createCredential({ id: url, list, statusPurpose: 'revocation', context: [VC_V2_CONTEXT] });
    const now = new Date();
    const credential = {
      ...unsigned,
      // No `type: Profile` here: that term is Open Badges', and this credential has only VC 2.0's context.
      issuer: { id: key.did, name: t('credential.issuer.name') },
      validFrom: now.toISOString(),
    };
    const bytes = await signCredential(credential, key, now);
    const written = db.transaction((tx) => {
      if (revokedIndexes(tx).join() !== revoked.join()) return false;
      tx.insert(statusLists)
        .values({ id: STATUS_LIST_ID, credential: bytes, updatedAt: now })
        .onConflictDoUpdate({ target: statusLists.id, set: { credential: bytes, updatedAt: now } })
        .run();
      return true;
    });
    if (written) return;
  }
}

/** Revoked and replaced certificates alike: a replaced credential states what is no longer true. */
function revokedIndexes(db: Executor): number[] {
  return db
    .select({ index: certificates.statusListIndex })
    .from(certificates)
    .where(or(isNotNull(certificates.revokedAt), isNotNull(certificates.replacedAt)))
    .orderBy(certificates.statusListIndex)
    .all()
    .map((r) => r.index);
}

function readStoredList(db: Executor): Buffer | null {
  const row = db.select({ credential: statusLists.credential }).from(statusLists).where(eq(statusLists.id, STATUS_LIST_ID)).get();
  return row?.credential ?? null;
}

/**
 * The list's URL is the one the credentials point to — the stored list's own id, else the URL in a
 * signed credential (that of `statusListIndex` when given) — never the host a request came in by.
 */
function statusListUrlFor(db: Executor, statusListIndex?: number): string | null {
  const stored = readStoredList(db);
  if (stored) return (JSON.parse(stored.toString('utf8')) as { id: string }).id;
  const row = db
    .select({ credential: certificates.credential })
    .from(certificates)
    .where(
      statusListIndex === undefined
        ? isNotNull(certificates.credential)
        : and(eq(certificates.statusListIndex, statusListIndex), isNotNull(certificates.credential)),
    )
    .limit(1)
    .get();
  if (!row?.credential) return null;
  const signed = JSON.parse(row.credential.toString('utf8')) as { credentialStatus: { statusListCredential: string } };
  return signed.credentialStatus.statusListCredential;
}
