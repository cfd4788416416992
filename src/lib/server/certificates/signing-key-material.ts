import { createPrivateKey, sign } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

/**
 * A signing key made usable from its stored form (signing-key.ts keeps the files): no database
 * and no file access here, so the certificate render worker (render-worker.ts) loads it too.
 */

export interface StoredKey {
  createdAt: string;
  privateKeyJwk: JsonWebKey;
  statusList?: number;
}

export async function keyFrom(stored: StoredKey): Promise<SigningKey> {
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
  return {
    did,
    publicKeyMultibase: publicOnly.publicKeyMultibase,
    createdAt: stored.createdAt,
    stored,
    // Keys made before lists were per key signed list 1.
    statusList: stored.statusList ?? 1,
    keyPair,
    signer,
  };
}

export interface SigningKey {
  did: string;
  publicKeyMultibase: string;
  createdAt: string;
  /** The number of the status list this key signs, `/credenciales/estado/<n>`. */
  statusList: number;
  keyPair: Ed25519Multikey.Ed25519KeyPair;
  /** Signs with the key imported once per process. */
  signer: Signer;
  /** The stored form, private half included: only ever handed to the render worker. */
  stored: StoredKey;
}

type Signer = ReturnType<Ed25519Multikey.Ed25519KeyPair['signer']>;
