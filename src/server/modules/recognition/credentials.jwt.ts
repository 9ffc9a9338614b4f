import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { LocalResolver, SigningKey } from './credentials.proof.ts';
import { didOf, ed25519PublicKey, resolveVerificationMethod, UnreachableDocumentError } from './credentials.resolve.ts';

/** Open Badges 3.0 names these for VC-JWT; nothing else is accepted (no `none`, no HMAC). */
export const JWT_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The media type of a credential secured as a JWT (VC-JOSE-COSE), its `typ` header. */
export const VC_JWT_TYPE = 'vc+jwt';

/**
 * Secures a credential as a VC-JWT the way VC-JOSE-COSE secures a VC 2.0 credential: the JWT's
 * payload is the credential itself (no `vc` claim, no embedded proof), signed EdDSA with the
 * issuer's Ed25519 key, named by `kid` (its verification method URL).
 */
export async function signCredentialJwt(credential: Record<string, unknown>, key: SigningKey): Promise<string> {
  const { proof: _proof, ...payload } = credential;
  const header = { alg: 'EdDSA', kid: key.id, typ: VC_JWT_TYPE };
  const signingInput = `${base64url(Buffer.from(JSON.stringify(header)))}.${base64url(Buffer.from(JSON.stringify(payload)))}`;
  const pair = await Ed25519Multikey.from({ type: 'Multikey', ...key });
  const signature = await pair.signer().sign({ data: new TextEncoder().encode(signingInput) });
  return `${signingInput}.${base64url(signature)}`;
}

/** A VC-JWT as VC 2.0 carries it in JSON: an EnvelopedVerifiableCredential whose id is a data: URL. */
export function envelopedCredential(token: string): Record<string, unknown> {
  return {
    '@context': 'https://www.w3.org/ns/credentials/v2',
    id: `data:application/${VC_JWT_TYPE},${token}`,
    type: 'EnvelopedVerifiableCredential',
  };
}

/** A compact JWS, as sent bare or inside a VC 2.0 EnvelopedVerifiableCredential (data: URL). */
export function jwtOf(input: unknown): string | undefined {
  if (typeof input === 'string' || Buffer.isBuffer(input)) {
    const text = input.toString().trim();
    return JWT_SHAPE.test(text) ? text : undefined;
  }
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const { type, id } = input as { type?: unknown; id?: unknown };
    if ([type].flat().includes('EnvelopedVerifiableCredential') && typeof id === 'string') {
      const match = /^data:application\/(?:vc\+jwt|vc\+ld\+jwt|jwt)[^,]*,(.+)$/.exec(id);
      if (match && JWT_SHAPE.test(match[1]!)) return match[1];
    }
  }
  return undefined;
}

/** A VP-JWT, as sent bare or inside a VC 2.0 EnvelopedVerifiablePresentation (data: URL). */
export function presentationJwtOf(input: unknown): string | undefined {
  if (typeof input === 'string' || Buffer.isBuffer(input)) return jwtOf(input);
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const { type, id } = input as { type?: unknown; id?: unknown };
    if ([type].flat().includes('EnvelopedVerifiablePresentation') && typeof id === 'string') {
      const match = /^data:application\/(?:vp\+jwt|vp\+ld\+jwt|jwt)[^,]*,(.+)$/.exec(id);
      if (match && JWT_SHAPE.test(match[1]!)) return match[1];
    }
  }
  return undefined;
}

export interface JwtOutcome {
  /** The credential the token carries (the payload, or its `vc` claim for VC 1.1-style tokens). */
  credential?: Record<string, unknown>;
  verified: boolean;
  alg: string | null;
  /** `kid` or `jwk` (embedded). */
  keyFrom: 'kid' | 'jwk' | null;
  kid: string | null;
  /** The key's controller as its documents state it (kid), or null. */
  controller: string | null;
  /** The embedded key, for the binding check. */
  jwk: JWK | null;
  /** The token's `iss`, which must name the credential's issuer. */
  iss: string | null;
  errors: string[];
  unreachableUrl: string | null;
}

function base64url(bytes: Uint8Array) {
  return Buffer.from(bytes).toString('base64url');
}

/** An Ed25519 Multikey as a JWK. */
export function multikeyJwk(publicKeyMultibase: string): JWK | undefined {
  const raw = ed25519PublicKey(publicKeyMultibase);
  return raw ? { kty: 'OKP', crv: 'Ed25519', x: base64url(raw) } : undefined;
}

function jwkOfMethod(method: Record<string, unknown>): JWK | undefined {
  if (method.publicKeyJwk && typeof method.publicKeyJwk === 'object') return method.publicKeyJwk as JWK;
  if (typeof method.publicKeyMultibase === 'string') return multikeyJwk(method.publicKeyMultibase);
  // An https key may be served as a bare JWK.
  if (typeof method.kty === 'string') {
    const { kty, crv, x, y, n, e } = method as Record<string, string>;
    return Object.fromEntries(Object.entries({ kty, crv, x, y, n, e }).filter(([, v]) => v !== undefined)) as JWK;
  }
  return undefined;
}

/** Verifies the token's signature with the key it names; claims and dates are left to the other checks. */
export async function verifyJwt(token: string, resolveLocal: LocalResolver): Promise<JwtOutcome> {
  const outcome: JwtOutcome = {
    verified: false,
    alg: null,
    keyFrom: null,
    kid: null,
    controller: null,
    jwk: null,
    iss: null,
    errors: [],
    unreachableUrl: null,
  };
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
    payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
  } catch {
    return { ...outcome, errors: ['The token is not a readable JWT.'] };
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    return { ...outcome, errors: ['The token payload is not a JSON object.'] };
  const vc = payload.vc;
  const wrapped = !!vc && typeof vc === 'object' && !Array.isArray(vc);
  const credential = wrapped ? { ...(vc as Record<string, unknown>) } : payload;
  if (wrapped) {
    // VC 1.1-style claims stand for the credential's own fields when it leaves them out.
    // Open Badges states the issuer as a Profile: the iss claim is its id.
    if (credential.issuer === undefined && typeof payload.iss === 'string')
      credential.issuer = { id: payload.iss, type: ['Profile'] };
    if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
    if (credential.validFrom === undefined && credential.issuanceDate === undefined && typeof payload.nbf === 'number')
      credential.validFrom = new Date(payload.nbf * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (
      credential.validUntil === undefined &&
      credential.expirationDate === undefined &&
      typeof payload.exp === 'number'
    )
      credential.validUntil = new Date(payload.exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  outcome.credential = credential;
  outcome.iss = typeof payload.iss === 'string' ? payload.iss : null;
  const alg = typeof header.alg === 'string' ? header.alg : null;
  outcome.alg = alg;
  if (!alg || !(JWT_ALGORITHMS as readonly string[]).includes(alg))
    return {
      ...outcome,
      errors: [`The token's algorithm ${alg ?? '(none)'} is not one of ${JWT_ALGORITHMS.join(', ')}.`],
    };

  let jwk: JWK | undefined;
  if (header.jwk && typeof header.jwk === 'object') {
    outcome.keyFrom = 'jwk';
    jwk = header.jwk as JWK;
    if ('d' in jwk) return { ...outcome, errors: ['The embedded key is a private key.'] };
    outcome.jwk = jwk;
  } else if (typeof header.kid === 'string') {
    outcome.keyFrom = 'kid';
    outcome.kid = header.kid;
    try {
      const local = await resolveLocal(header.kid);
      if (local) {
        const method = local as Record<string, unknown>;
        jwk = jwkOfMethod(method);
        outcome.controller = typeof method.controller === 'string' ? method.controller : null;
      } else if (local === undefined) {
        const resolved = await resolveVerificationMethod(header.kid);
        if (resolved) {
          jwk = jwkOfMethod(resolved.method);
          outcome.controller =
            resolved.controllerId ??
            (typeof resolved.method.controller === 'string' ? resolved.method.controller : null);
          // A key the controller does not list as an assertion method may not sign credentials.
          const listed = [resolved.controller?.assertionMethod ?? []].flat();
          if (resolved.controller && !listed.includes(header.kid) && !listed.includes(resolved.method.id as string))
            return { ...outcome, errors: [`${header.kid} is not an assertion method of ${outcome.controller}.`] };
        }
      }
    } catch (error) {
      if (error instanceof UnreachableDocumentError)
        return { ...outcome, errors: [error.message], unreachableUrl: error.url };
      return { ...outcome, errors: [(error as Error).message] };
    }
    if (!jwk) return { ...outcome, errors: [`The key ${header.kid} is not known.`] };
  } else {
    return { ...outcome, errors: ['The token names no key: neither kid nor jwk.'] };
  }
  try {
    const key = await importJWK({ ...jwk, alg }, alg);
    await compactVerify(token, key, { algorithms: [alg] });
    return { ...outcome, verified: true };
  } catch (error) {
    return { ...outcome, errors: [`The signature does not verify: ${(error as Error).message}`] };
  }
}

/**
 * Whether a token's key belongs to the issuer. kid: the DID of a did:key or did:web key, or the
 * controller of an https key, must be the issuer. An embedded jwk is the issuer's only when the
 * issuer is that very key (did:key or did:jwk); otherwise nothing ties it to anyone: `undefined`.
 */
export function jwtKeyIsIssuers(outcome: JwtOutcome, issuer: string | undefined): boolean | undefined {
  if (!issuer) return false;
  if (outcome.keyFrom === 'kid' && outcome.kid) {
    const did = didOf(outcome.kid);
    return did ? did === issuer : outcome.controller === issuer;
  }
  if (outcome.keyFrom === 'jwk' && outcome.jwk) {
    if (issuer.startsWith('did:key:')) {
      const own = multikeyJwk(issuer.slice('did:key:'.length).split('#')[0]!);
      return !!own && own.x === outcome.jwk.x && outcome.jwk.kty === 'OKP';
    }
    if (issuer.startsWith('did:jwk:')) {
      try {
        const own = JSON.parse(Buffer.from(issuer.slice('did:jwk:'.length), 'base64url').toString('utf8')) as JWK;
        return ['kty', 'crv', 'x', 'y', 'n', 'e'].every(
          (k) => (own as Record<string, unknown>)[k] === (outcome.jwk as Record<string, unknown>)[k],
        );
      } catch {
        return false;
      }
    }
    return undefined;
  }
  return false;
}
