import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { databasePath } from '../../../../db/connection.ts';
import type { Db } from '../db.ts';
import { keyFrom, type SigningKey, type StoredKey } from './signing-key-material.ts';

export type { SigningKey } from './signing-key-material.ts';

/**
 * Aula's Ed25519 signing key (issue 14; docs/decisions/018-signed-credentials.md): made on first
 * use beside the database, readable by the server's user only, loaded once per process. The
 * issuer is `did:key:<publicKeyMultibase>`, a DID that describes its own key, so a verifier needs
 * nothing from Aula but the credential. Each key has its own revocation list (`statusList`, its
 * number in `/credenciales/estado/<n>`), since a verifier wants a list signed by the credential's
 * own issuer. Rotation sets the key aside, still signing its list only; the next start makes a
 * new key with the next list.
 */
export const SIGNING_KEY_FILE = 'aula-signing-key.json';
const RETIRED_PREFIX = 'aula-signing-key.retired-';

/** The key file beside a database (tests' databases live in their own folder, so do their keys). */
export function signingKeyPath(db?: Db): string {
  const file = db?.$client.name;
  const database = file && file !== ':memory:' ? file : databasePath();
  return join(dirname(resolve(database)), SIGNING_KEY_FILE);
}

const loaded = new Map<string, Promise<SigningKey>>();

/** The signing key stored at `path`, made there first if there is none; one load per process. */
export function loadSigningKey(path: string): Promise<SigningKey> {
  let key = loaded.get(path);
  if (!key) {
    key = readOrCreate(path);
    loaded.set(path, key);
    key.catch(() => loaded.delete(path));
  }
  return key;
}

export function getSigningKey(db: Db): Promise<SigningKey> {
  return loadSigningKey(signingKeyPath(db));
}

async function readOrCreate(path: string): Promise<SigningKey> {
  if (!existsSync(path)) createKeyFile(path);
  return keyFrom(JSON.parse(readFileSync(path, 'utf8')) as StoredKey);
}

/**
 * Writes a new key without ever leaving a half-written file where the server reads it: the file is
 * written aside, then hard-linked into place, which fails if another process got there first
 * (parallel test workers, two servers starting), in which case that process's key wins.
 */
function createKeyFile(path: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const stored: StoredKey = {
    createdAt: new Date().toISOString(),
    privateKeyJwk: privateKey.export({ format: 'jwk' }) as JsonWebKey,
    statusList: Math.max(0, ...readRetired(dirname(path)).map((k) => k.statusList ?? 1)) + 1,
  };
  const aside = `${path}.${randomUUID()}.tmp`;
  writeFileSync(aside, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Retires the key at `path`, as `aula-signing-key.retired-<date>.json`: the public endpoint keeps
 * listing it, and it keeps signing its own status list — and nothing else — so the certificates it
 * signed can still be revoked. The next process to sign makes a new key (a new DID, the next list).
 * Restart the server afterwards: a running process keeps the key it loaded. If the key leaked,
 * revoke and reissue what it signed instead (docs/decisions/018-signed-credentials.md).
 */
export async function rotateSigningKey(path: string, now = new Date()): Promise<void> {
  const old = await readOrCreate(path);
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
  const retired: RetiredKey = {
    did: old.did,
    publicKeyMultibase: old.publicKeyMultibase,
    createdAt: old.createdAt,
    retiredAt: now.toISOString(),
    statusList: old.statusList,
    privateKeyJwk: stored.privateKeyJwk,
  };
  const stamp = now.toISOString().replaceAll(':', '-');
  writeFileSync(join(dirname(path), `${RETIRED_PREFIX}${stamp}.json`), `${JSON.stringify(retired, null, 2)}\n`, { mode: 0o600 });
  unlinkSync(path);
  loaded.delete(path);
}

/** Every key Aula has signed with, newest first: what the public issuer endpoint lists. */
export async function listIssuerKeys(path: string): Promise<IssuerKey[]> {
  const current = await loadSigningKey(path);
  const retired = readRetired(dirname(path)).sort((a, b) => b.retiredAt.localeCompare(a.retiredAt));
  return [current, ...retired].map((k) => ({
    did: k.did,
    publicKeyMultibase: k.publicKeyMultibase,
    createdAt: k.createdAt,
    retiredAt: 'retiredAt' in k ? k.retiredAt : null,
    statusList: k.statusList ?? 1,
  }));
}

/** The key that signs status list `statusList` (the current key's or a retired one's); null if none does. */
export async function loadStatusListKey(path: string, statusList: number): Promise<SigningKey | null> {
  const current = await loadSigningKey(path);
  if (current.statusList === statusList) return current;
  const retired = readRetired(dirname(path)).find((k) => (k.statusList ?? 1) === statusList && k.privateKeyJwk);
  if (!retired?.privateKeyJwk) return null;
  const cacheKey = `${path}#list-${statusList}`;
  let key = loaded.get(cacheKey);
  if (!key) {
    key = keyFrom({ createdAt: retired.createdAt, privateKeyJwk: retired.privateKeyJwk, statusList });
    loaded.set(cacheKey, key);
  }
  return key;
}

function readRetired(dir: string): RetiredKey[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(RETIRED_PREFIX) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RetiredKey);
}

export interface IssuerKey {
  did: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
  statusList: number;
}

/** A retired key; files written before lists were per key have no list number and no private half. */
type RetiredKey = Omit<IssuerKey, 'statusList'> & { retiredAt: string; statusList?: number; privateKeyJwk?: JsonWebKey };
