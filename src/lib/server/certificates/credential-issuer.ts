import { t } from '../../../i18n/index.ts';
import type { Db } from '../db.ts';
import { documentLoader } from './credential-loader.ts';
import { type IssuerKey, listIssuerKeys, signingKeyPath } from './signing-key.ts';

/**
 * What `/credenciales/emisor` publishes: the DID document of the key that signs now, and every key
 * Aula has signed with (docs/decisions/018-signed-credentials.md). A verifier needs none of it —
 * a did:key describes itself — but it lets anyone check that a DID is Aula's.
 */
export async function describeIssuer(db: Db): Promise<IssuerDescription> {
  const keys = await listIssuerKeys(signingKeyPath(db));
  const current = keys[0];
  if (!current) throw new Error('The signing key list is empty');
  const { document } = await documentLoader(current.did);
  return { id: current.did, name: t('credential.issuer.name'), didDocument: document, keys };
}

export interface IssuerDescription {
  id: string;
  name: string;
  didDocument: unknown;
  keys: IssuerKey[];
}
