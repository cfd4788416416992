import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { databasePath } from '../../../../db/connection.ts';
import type { Db } from '../db.ts';

/**
 * Aula's Ed25519 signing key (issue 14; docs/decisions/018-signed-credentials.md): made on first
 * use beside the database, readable by the server's user only, loaded once per process. The
 * issuer is `did:key:<publicKeyMultibase>`, a DID that describes its own key, so a verifier needs
 * nothing from Aula but the credential. Rotation renames the file; the next start makes a new key.
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
  const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredKey;
  const publicOnly = await Ed25519Multikey.fromJwk({ jwk: stored.privateKeyJwk });
  const did = `did:key:${publicOnly.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.fromJwk({
    jwk: stored.privateKeyJwk,
    secretKey: true,
    id: `${did}#${publicOnly.publicKeyMultibase}`,
    controller: did,
  });
  // The library's signer imports the key anew for every signature (~0.4 ms); this one imports it
  // once. Same algorithm, same bytes: Ed25519 signatures are deterministic.
  const privateKey = createPrivateKey({ key: stored.privateKeyJwk, format: 'jwk' });
  const signer: Signer = {
    id: keyPair.id,
    algorithm: 'Ed25519',
    sign: async ({ data }) => new Uint8Array(sign(null, data, privateKey)),
  };
  return { did, publicKeyMultibase: publicOnly.publicKeyMultibase, createdAt: stored.createdAt, keyPair, signer };
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
 * Retires the key at `path`: only its public half is kept, as `aula-signing-key.retired-<date>.json`,
 * so the public endpoint keeps listing it; the next process to sign makes a new key (and a new DID).
 * Restart the server afterwards: a running process keeps the key it loaded.
 */
export async function rotateSigningKey(path: string, now = new Date()): Promise<void> {
  const old = await readOrCreate(path);
  const retired: RetiredKey = {
    did: old.did,
    publicKeyMultibase: old.publicKeyMultibase,
    createdAt: old.createdAt,
    retiredAt: now.toISOString(),
  };
  const stamp = now.toISOString().replaceAll(':', '-');
  writeFileSync(join(dirname(path), `${RETIRED_PREFIX}${stamp}.json`), `${JSON.stringify(retired, null, 2)}\n`);
  unlinkSync(path);
  loaded.delete(path);
}

/** Every key Aula has signed with, newest first: what the public issuer endpoint lists. */
export async function listIssuerKeys(path: string): Promise<IssuerKey[]> {
  const current = await loadSigningKey(path);
  const dir = dirname(path);
  const retired = readdirSync(dir)
    .filter((f) => f.startsWith(RETIRED_PREFIX) && f.endsWith('.json') && f !== basename(path))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RetiredKey)
    .sort((a, b) => b.retiredAt.localeCompare(a.retiredAt));
  return [{ did: current.did, publicKeyMultibase: current.publicKeyMultibase, createdAt: current.createdAt, retiredAt: null }, ...retired];
}

export interface SigningKey {
  did: string;
  publicKeyMultibase: string;
  createdAt: string;
  keyPair: Ed25519Multikey.Ed25519KeyPair;
  /** Signs with the key imported once per process. */
  signer: Signer;
}

type Signer = ReturnType<Ed25519Multikey.Ed25519KeyPair['signer']>;

export interface IssuerKey {
  did: string;
  publicKeyMultibase: string;
  createdAt: string;
  retiredAt: string | null;
}

interface StoredKey {
  createdAt: string;
  privateKeyJwk: JsonWebKey;
}

type RetiredKey = IssuerKey & { retiredAt: string };
