import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, test } from 'vitest';
import { templatedCryptosuite } from '../../../../src/lib/server/certificates/credential-canonize.ts';
import { buildCredential, signCredential } from '../../../../src/lib/server/certificates/credential.ts';
import { documentLoader } from '../../../../src/lib/server/certificates/credential-loader.ts';
import { sampleSnapshot } from '../../../../src/lib/server/certificates/sample-snapshot.ts';
import { loadSigningKey } from '../../../../src/lib/server/certificates/signing-key.ts';

/**
 * The shortcut of credential-canonize.ts must give the library's own canonical form for every
 * certificate, whatever its values: the bytes Aula signs are compared with the bytes the
 * library signs on its ordinary path, with its own signer.
 */
describe('templated eddsa-rdfc-2022 canonicalisation', () => {
  const names = ['Ana Pérez Núñez', 'Citlalli Xōchitl Tlapalcoyoatl', 'Mariaꞌ Lópezꞌ', "D'Artagnan O'Neill", 'Josué Güemes'];

  test('signs exactly the bytes the library signs, for certificates that differ in every varying value', async () => {
    const key = await loadSigningKey(join(mkdtempSync(join(tmpdir(), 'aula-canon-')), 'key.json'));
    for (const [i, fullName] of names.entries()) {
      const base = sampleSnapshot();
      const snapshot = {
        ...base,
        person: { ...base.person, fullName },
        folio: `DIF-2026-${String(40 + i).padStart(5, '0')}`,
        verificationUrl: `https://aula${i}.example/verificar/CODE${i}`,
        issuedAt: `2026-0${i + 1}-1${i}T1${i}:00:00.000Z`,
        finalGrade: i % 2 === 0 ? null : 0.8 + i / 100,
      };
      const credential = buildCredential(snapshot, {
        issuerDid: key.did,
        statusListUrl: `https://aula${i}.example/credenciales/estado/1`,
        statusListIndex: 1000 * i + 7,
        origin: `https://aula${i}.example`,
      });
      // vc.issue adds the proof to the object it is given: each signature gets its own copy.
      const ours = (await signCredential(structuredClone(credential), key, snapshot.issuedAt)).toString('utf8');
      const suite = new DataIntegrityProof({ signer: key.keyPair.signer(), cryptosuite, date: snapshot.issuedAt });
      const theirs = JSON.stringify(await vc.issue({ credential: structuredClone(credential), suite, documentLoader }));
      expect(ours).toBe(theirs);
    }
  });

  test('a value that expansion would not keep as it is makes the ordinary path run, with the same result', async () => {
    // "type" is a term the context maps to an IRI: declared varying, it must not be templated.
    const suite = templatedCryptosuite(['type.1', 'name']);
    const document = buildCredential(sampleSnapshot(), {
      issuerDid: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      statusListUrl: 'https://aula.example/credenciales/estado/1',
      statusListIndex: 3,
      origin: 'https://aula.example',
    });
    const options = { documentLoader, base: null, safe: true };
    expect(await suite.canonize(document, options)).toBe(await cryptosuite.canonize(document, options));
    const other = { ...document, name: 'Otra constancia' };
    expect(await suite.canonize(other, options)).toBe(await cryptosuite.canonize(other, options));
  });
});
