import { randomInt } from 'node:crypto';
import { BitstringStatusList, createCredential } from '@digitalbazaar/vc-bitstring-status-list';
import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import { certificates, statusLists } from '../../../../db/schema/index.ts';
import { t } from '../../../i18n/index.ts';
import type { Db, Executor } from '../db.ts';
import { signCredential, statusListPath } from './credential.ts';
import { VC_V2_CONTEXT } from './credential-loader.ts';
import { loadStatusListKey, type SigningKey, signingKeyPath } from './signing-key.ts';

/**
 * The revocation status lists the signed credentials point to (W3C Bitstring Status List;
 * issue 14; docs/decisions/018-signed-credentials.md). One list per signing key, signed by that key
 * (a verifier wants the list's issuer to be the credential's), stored as the exact bytes served,
 * rebuilt from the certificates table whenever one of its certificates is revoked or replaced — so
 * rebuilding is idempotent and a lost update heals itself. Status-list indexes are unique across
 * lists, so an index names one certificate.
 */

/**
 * 131,072 bits (16 KB before compression): the Bitstring Status List spec's minimum for group
 * privacy, so one entry among many reveals nothing about a person; room for every inspector.
 */
export const STATUS_LIST_LENGTH = 131_072;

/**
 * A free bit for a new certificate, chosen at random rather than in order (the spec's privacy
 * advice: sequential indexes tell issue order), none of `reserved` (held by certificates still
 * being rendered). The issuing transaction checks it is still free; the unique index settles any race.
 */
export function allocateStatusListIndex(db: Executor, reserved: ReadonlySet<number> = new Set()): number {
  for (;;) {
    const index = randomInt(STATUS_LIST_LENGTH);
    if (reserved.has(index)) continue;
    const taken = db.select({ id: certificates.id }).from(certificates).where(eq(certificates.statusListIndex, index)).get();
    if (!taken) return index;
  }
}

/** Status list `n` signed, as served; made (empty but for revocations) on first use; null when no key signs it. */
export async function getStatusListCredential(db: Db, n: number, origin: string): Promise<Buffer | null> {
  const stored = readStoredList(db, n);
  if (stored) return stored;
  const key = await loadStatusListKey(signingKeyPath(db), n);
  if (!key) return null;
  await writeStatusList(db, key, listUrlOf(db, n) ?? `${origin}${statusListPath(n)}`);
  return readStoredList(db, n);
}

/**
 * Makes the status list of the credential at `statusListIndex` say it is revoked. Call after the
 * revocation (or reissue) is committed; the list is rebuilt from the table, so calling it twice
 * changes nothing.
 */
export async function markRevoked(db: Db, statusListIndex: number): Promise<void> {
  const url = listUrlOfIndex(db, statusListIndex);
  if (!url) throw new Error(`No signed credential holds status list index ${statusListIndex}`);
  await refreshStatusList(db, url);
}

/** Re-signs the list at `url` (one a credential points to) with the key that signs it. */
export async function refreshStatusList(db: Db, url: string): Promise<void> {
  const n = listNumber(url);
  const key = n === null ? null : await loadStatusListKey(signingKeyPath(db), n);
  if (!key) throw new Error(`No signing key signs the status list ${url}`);
  await writeStatusList(db, key, url);
}

/**
 * Signing is async and the write is a synchronous transaction, so the write checks the revoked set
 * is still the one signed and starts over if a revocation slipped in meanwhile (two coordinators
 * revoking at once).
 */
async function writeStatusList(db: Db, key: SigningKey, url: string): Promise<void> {
  for (;;) {
    const revoked = revokedIndexes(db, url);
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
      if (revokedIndexes(tx, url).join() !== revoked.join()) return false;
      tx.insert(statusLists)
        .values({ id: key.statusList, credential: bytes, updatedAt: now })
        .onConflictDoUpdate({ target: statusLists.id, set: { credential: bytes, updatedAt: now } })
        .run();
      return true;
    });
    if (written) return;
  }
}

/** The list a credential points to, read from the signed bytes themselves. */
const listOfCredential = sql`json_extract(cast(${certificates.credential} as text), '$.credentialStatus.statusListCredential')`;

/** The revoked and replaced certificates of one list: a replaced credential states what is no longer true. */
function revokedIndexes(db: Executor, url: string): number[] {
  return db
    .select({ index: certificates.statusListIndex })
    .from(certificates)
    .where(and(or(isNotNull(certificates.revokedAt), isNotNull(certificates.replacedAt)), eq(listOfCredential, url)))
    .orderBy(certificates.statusListIndex)
    .all()
    .map((r) => r.index);
}

function readStoredList(db: Executor, n: number): Buffer | null {
  const row = db.select({ credential: statusLists.credential }).from(statusLists).where(eq(statusLists.id, n)).get();
  return row?.credential ?? null;
}

/** `…/credenciales/estado/<n>` → n. */
function listNumber(url: string): number | null {
  const match = /\/credenciales\/estado\/(\d+)$/.exec(url);
  return match ? Number(match[1]) : null;
}

/**
 * List `n`'s URL is the one its credentials point to — the stored list's own id, else the URL in a
 * credential signed for it — never the host a request came in by.
 */
function listUrlOf(db: Executor, n: number): string | null {
  const stored = readStoredList(db, n);
  if (stored) return (JSON.parse(stored.toString('utf8')) as { id: string }).id;
  const row = db
    .select({ url: sql<string>`${listOfCredential}` })
    .from(certificates)
    .where(and(isNotNull(certificates.credential), sql`${listOfCredential} like ${`%${statusListPath(n)}`}`))
    .limit(1)
    .get();
  return row?.url ?? null;
}

function listUrlOfIndex(db: Executor, statusListIndex: number): string | null {
  const row = db
    .select({ url: sql<string | null>`${listOfCredential}` })
    .from(certificates)
    .where(and(eq(certificates.statusListIndex, statusListIndex), isNotNull(certificates.credential)))
    .get();
  return row?.url ?? null;
}
